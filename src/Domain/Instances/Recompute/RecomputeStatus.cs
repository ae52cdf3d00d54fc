using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Npgsql;

namespace ComplianceOs.Domain.Instances.Recompute;

/// <summary>
/// Recomputes the Overdue and Blocked flags and the RAG of a tenant's instances in one statement:
/// <list type="bullet">
/// <item>Overdue: the due date in force (extended, else statutory) is before today and the instance is not Filed.</item>
/// <item>Blocked: blocked by hand, or a dependency (the instance of a master it depends on, same entity and period) is not Filed.</item>
/// <item>RAG: none when Filed; Red when overdue, or blocked with the due date at most 3 days away; Amber when due
/// within 7 days or blocked; otherwise Green. An instance awaiting its event date has no due date and is Green unless blocked.</item>
/// </list>
/// Only rows whose values change are written. Never touches <c>version</c>: recompute is not a user action.
/// </summary>
public sealed class RecomputeStatus
{
    // {0} narrows the rows (nothing for a whole tenant, or one instance's entity and period); {1} and {2} are the rules below.
    // "needs" (each open instance with a dependency, once per master it depends on) is materialised first, so the
    // dependencies are then found by all three keys (entity, master, period) at once: left to itself, the planner
    // joined the tenant's instances to each other on the entity alone and filtered the period afterwards, which
    // grows with the square of an entity's instances (5-6 ms of a 270-instance tenant's 7 ms).
    private const string SqlTemplate = """
        WITH needs AS MATERIALIZED (
          SELECT i.id, i.entity_id, i.period_key, dm.id AS dependency_master_id, dm.code AS dependency_code
          FROM compliance_instances i
          JOIN compliance_masters m ON m.id = i.master_id AND cardinality(m.depends_on) > 0
          JOIN compliance_masters dm ON dm.code = ANY (m.depends_on)
          WHERE i.tenant_id = @tenant AND i.status <> 'Filed' {0}
        ), waiting AS (
          SELECT n.id, string_agg(DISTINCT n.dependency_code || ' ' || d.period_key, ', ' ORDER BY n.dependency_code || ' ' || d.period_key) AS list
          FROM needs n
          JOIN compliance_instances d ON d.entity_id = n.entity_id AND d.master_id = n.dependency_master_id AND d.period_key = n.period_key
          WHERE d.status <> 'Filed'
          GROUP BY n.id
        ), calc AS (
          SELECT i.id,
                 coalesce(i.extended_due_date, i.statutory_due_date) AS due,
                 i.status = 'Filed' AS filed,
                 CASE WHEN i.status = 'Filed' THEN NULL ELSE i.manual_block_reason END AS manual,
                 w.list AS waiting
          FROM compliance_instances i
          LEFT JOIN waiting w ON w.id = i.id
          WHERE i.tenant_id = @tenant {0}
        ), result AS (
          SELECT id,
                 {1} AS overdue,
                 (manual IS NOT NULL OR waiting IS NOT NULL) AS blocked,
                 coalesce(manual, 'Waiting for ' || waiting) AS reason,
                 {2} AS rag
          FROM calc
        )
        UPDATE compliance_instances t
        SET is_overdue = r.overdue, is_blocked = r.blocked, blocked_reason = r.reason, rag = r.rag
        FROM result r
        WHERE t.id = r.id
          AND (t.is_overdue, t.is_blocked, t.blocked_reason, t.rag) IS DISTINCT FROM (r.overdue, r.blocked, r.reason, r.rag)
        """;

    private static readonly string TenantSql = Build(string.Empty);

    private static readonly string ScopedSql = Build("AND (i.entity_id, i.period_key) = (SELECT x.entity_id, x.period_key FROM compliance_instances x WHERE x.id = @instance)");

    /// <summary>Overdue, as SQL over a filed flag and the due date in force (uses the parameter <c>@today</c>).</summary>
    internal static string OverdueSql(string filed, string due) => $"(NOT {filed} AND coalesce({due} < @today, false))";

    /// <summary>RAG, as SQL over a filed flag, the due date in force and a blocked flag (uses <c>@today</c>).</summary>
    internal static string RagSql(string filed, string due, string blocked) =>
        $"CASE WHEN {filed} THEN 'None' WHEN {due} < @today THEN 'Red' WHEN {blocked} AND {due} - @today <= 3 THEN 'Red' " +
        $"WHEN {due} - @today <= 7 THEN 'Amber' WHEN {blocked} THEN 'Amber' ELSE 'Green' END";

    private static string Build(string narrow) =>
        string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            SqlTemplate,
            narrow,
            OverdueSql("filed", "due"),
            RagSql("filed", "due", "(manual IS NOT NULL OR waiting IS NOT NULL)"));

    /// <summary>Runs inside the caller's tenant transaction. <paramref name="scope"/> limits it to one instance and its siblings (same entity and period).</summary>
    /// <returns>How many instances changed.</returns>
    public async Task<int> RunAsync(ComplianceDb db, Guid tenantId, LocalDate today, Guid? scope, CancellationToken ct = default)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Recompute runs inside the caller's transaction.");
        await db.SaveChangesAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        var update = new NpgsqlBatchCommand(scope is null ? TenantSql : ScopedSql);
        update.Parameters.AddWithValue("tenant", tenantId);
        update.Parameters.AddWithValue("today", today);
        if (scope is { } instanceId)
        {
            // Auto-prepared after a few runs, the statement would get a generic plan that cannot see which entity
            // and period it narrows to, and recompute the whole tenant's waiting list each time: plan per call.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)"));
            update.Parameters.AddWithValue("instance", instanceId);
            batch.BatchCommands.Add(update);
        }
        else
        {
            // Right after a bulk insert the statistics have not seen the tenant's rows (the application role may not
            // ANALYZE), every estimate is 1 row and nested loops turn this statement quadratic or worse. Hash joins are
            // linear whatever the estimates; the settings end with this statement, not the transaction.
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "SELECT set_config('app.saved_nestloop', current_setting('enable_nestloop'), true), set_config('app.saved_jit', current_setting('jit'), true), " +
                "set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true)"));
            batch.BatchCommands.Add(update);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "SELECT set_config('enable_nestloop', current_setting('app.saved_nestloop'), true), set_config('jit', current_setting('app.saved_jit'), true)"));
        }

        await batch.ExecuteNonQueryAsync(ct);
        var changed = update.RecordsAffected;

        // Tracked instances would otherwise keep stale flags within this unit of work (nothing to reload when no
        // row changed, which is the common case of a workflow step).
        if (changed > 0)
        {
            foreach (var entry in db.ChangeTracker.Entries<ComplianceInstance>().ToList())
            {
                await entry.ReloadAsync(ct);
            }
        }

        return changed;
    }
}
