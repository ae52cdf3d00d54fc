namespace ComplianceOs.Benchmarks;

/// <summary>
/// Candidate rewrites of <c>RecomputeStatus</c>'s statement, measured side by side with the shipped one in the
/// profile (rolled back, and checked to leave identical rows). Not used by the measured phases.
/// </summary>
public static class ProposedRecompute
{
    /// <summary>
    /// Same result as the shipped statement, but the dependency check is a per-instance LATERAL lookup on the unique
    /// (entity_id, master_id, period_key) index, and the instance table is read once, so the plan no longer depends
    /// on the planner knowing how many rows the tenant has (a tenant generated in this very transaction is unknown to
    /// the statistics, which is what sends the shipped statement into nested loops over its own CTEs).
    /// </summary>
    public const string LateralSql = """
        WITH calc AS MATERIALIZED (
          SELECT i.id,
                 coalesce(i.extended_due_date, i.statutory_due_date) AS due,
                 i.status = 'Filed' AS filed,
                 CASE WHEN i.status = 'Filed' THEN NULL ELSE i.manual_block_reason END AS manual,
                 w.list AS waiting
          FROM compliance_instances i
          JOIN compliance_masters m ON m.id = i.master_id
          LEFT JOIN LATERAL (
            SELECT string_agg(DISTINCT dm.code || ' ' || d.period_key, ', ' ORDER BY dm.code || ' ' || d.period_key) AS list
            FROM compliance_masters dm
            JOIN compliance_instances d ON d.entity_id = i.entity_id AND d.master_id = dm.id AND d.period_key = i.period_key
            WHERE dm.code = ANY (m.depends_on) AND i.status <> 'Filed' AND d.status <> 'Filed'
          ) w ON cardinality(m.depends_on) > 0
          WHERE i.tenant_id = @tenant
            AND (@instance::uuid IS NULL OR EXISTS (
                  SELECT 1 FROM compliance_instances x
                  WHERE x.id = @instance AND x.entity_id = i.entity_id AND x.period_key = i.period_key))
        ), result AS (
          SELECT id,
                 (NOT filed AND coalesce(due < @today, false)) AS overdue,
                 (manual IS NOT NULL OR waiting IS NOT NULL) AS blocked,
                 coalesce(manual, 'Waiting for ' || waiting) AS reason,
                 CASE
                   WHEN filed THEN 'None'
                   WHEN due < @today THEN 'Red'
                   WHEN (manual IS NOT NULL OR waiting IS NOT NULL) AND due - @today <= 3 THEN 'Red'
                   WHEN due - @today <= 7 THEN 'Amber'
                   WHEN manual IS NOT NULL OR waiting IS NOT NULL THEN 'Amber'
                   ELSE 'Green'
                 END AS rag
          FROM calc
        )
        UPDATE compliance_instances t
        SET is_overdue = r.overdue, is_blocked = r.blocked, blocked_reason = r.reason, rag = r.rag
        FROM result r
        WHERE t.id = r.id
          AND (t.is_overdue, t.is_blocked, t.blocked_reason, t.rag) IS DISTINCT FROM (r.overdue, r.blocked, r.reason, r.rag)
        """;
}
