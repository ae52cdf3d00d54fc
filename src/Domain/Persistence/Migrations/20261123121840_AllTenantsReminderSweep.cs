using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AllTenantsReminderSweep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The reminder sweep of every active tenant in one statement (SweepAllTenantsHandler): per tenant, the
            // sweep paid a transaction and four round trips before deciding anything, seconds over 1,000 tenants.
            //
            // Why SECURITY DEFINER: the application role reads and writes tenant rows only inside one tenant's scope
            // (row-level security on app.tenant_id), so it cannot decide every tenant's reminders at once. The
            // function runs as the owner, which row-level security does not restrict.
            //
            // Why that is safe: the caller chooses no tenant, instance, person or row. Its inputs are the moment and
            // the application's default matrix and quiet hours (for tenants without their own settings); the
            // function reads each active tenant's own instances, entities, users, approvals and outbox rows — every
            // join carries the instance's tenant_id, and the foreign key (tenant_id, instance_id) on notifications
            // repeats it — and inserts only outbox rows of that same tenant, exactly the rows the per-tenant sweep
            // (SweepRemindersHandler, under row-level security) would insert. It returns ids, times and counts only.
            //
            // The statement is the per-tenant one (see SweepRemindersHandler.Sql) with the tenant as a column: each
            // tenant's local time from its IANA zone, quiet hours (its settings or the defaults) holding the whole
            // tenant, and its stages expanded from the jsonb the handler writes (ReminderSettings.Serialize: an
            // array of {Stage, DaysFromDue, To}, in order; a stage is in force until the next stage's day). The
            // CTEs are materialised so the planner, which cannot estimate the jsonb expansion (5,000,000 rows
            // guessed for 7,000), scans the instances once, keeps only work some tenant could remind about, and
            // joins the rest by hash; JIT is off because those guesses made it compile for 0.8 s per call.
            migrationBuilder.Sql("""
                CREATE FUNCTION app_sweep_reminders(p_now timestamptz, p_default_stages jsonb, p_default_quiet_from time,
                                                    p_default_quiet_until time, p_default_quiet_on_sundays boolean)
                  RETURNS TABLE (tenant_id uuid, tenant_time timestamp, held boolean, queued integer)
                  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp SET jit = off
                  AS $$
                    WITH clock AS (
                      SELECT t.id AS tid, p_now AT TIME ZONE t.time_zone AS local_time,
                             coalesce(r.stages, p_default_stages) AS stages,
                             coalesce(r.quiet_from, p_default_quiet_from) AS quiet_from,
                             coalesce(r.quiet_until, p_default_quiet_until) AS quiet_until,
                             coalesce(r.quiet_on_sundays, p_default_quiet_on_sundays) AS quiet_on_sundays
                      FROM tenants t
                      LEFT JOIN reminder_settings r ON r.tenant_id = t.id
                      WHERE t.is_active
                    ), decided AS MATERIALIZED (
                      -- ReminderSettings.IsQuiet: Sundays if so set; an overnight window (20:00–08:00) or a daytime one.
                      SELECT c.tid, c.local_time, c.stages,
                             (c.quiet_on_sundays AND extract(isodow FROM c.local_time) = 7)
                             OR CASE WHEN c.quiet_from > c.quiet_until
                                     THEN c.local_time::time >= c.quiet_from OR c.local_time::time < c.quiet_until
                                     ELSE c.local_time::time >= c.quiet_from AND c.local_time::time < c.quiet_until
                                END AS is_held
                      FROM clock c
                    ), stages AS MATERIALIZED (
                      -- One row per stage and recipient, in force from due + DaysFromDue until the next stage's day
                      -- (exclusive; the last one for good); recipient names compared as the enum reads them
                      -- (case-insensitively). Nothing for a tenant in quiet hours.
                      SELECT sd.tid, sd.today, sd.stage, sd.from_day, sd.until_day, lower(r.recipient) AS recipient
                      FROM (
                        SELECT d.tid, d.local_time::date AS today, s.value ->> 'Stage' AS stage,
                               (s.value ->> 'DaysFromDue')::int AS from_day,
                               coalesce(lead((s.value ->> 'DaysFromDue')::int) OVER (PARTITION BY d.tid ORDER BY s.ord), 1073741823) AS until_day,
                               s.value -> 'To' AS recipients
                        FROM decided d
                        CROSS JOIN LATERAL jsonb_array_elements(d.stages) WITH ORDINALITY AS s(value, ord)
                        WHERE NOT d.is_held
                      ) sd
                      CROSS JOIN LATERAL jsonb_array_elements_text(sd.recipients) AS r(recipient)
                    ), firsts AS MATERIALIZED (
                      -- Work not yet due for a tenant's first stage has no stage in force.
                      SELECT s.tid, s.today, s.today - min(s.from_day) AS due_by FROM stages s GROUP BY s.tid, s.today
                    ), open_work AS MATERIALIZED (
                      SELECT i.tenant_id, i.id, i.entity_id, i.owner_user_id, i.approver_user_id, i.status, d.due, f.today - d.due AS days
                      FROM compliance_instances i
                      CROSS JOIN LATERAL (SELECT coalesce(i.extended_due_date, i.statutory_due_date) AS due) d
                      JOIN firsts f ON f.tid = i.tenant_id
                      WHERE d.due <= f.due_by AND i.status NOT IN ('Approved', 'Filed')
                        -- The latest of those days, as a constant: the scan keeps only work some tenant could remind about.
                        AND d.due <= (SELECT max(f2.due_by) FROM firsts f2)
                    ), due_now AS (
                      -- The owner while the work is theirs; the others while it is open (open_work). The cycle: the
                      -- due date in force and, after a rejection, its approval cycle.
                      SELECT w.tenant_id, w.id AS instance_id, s.stage, r.user_id,
                             'due:' || to_char(w.due, 'YYYY-MM-DD') || coalesce(':r' || rj.cycle::text, '') AS cycle
                      FROM open_work w
                      JOIN stages s ON s.tid = w.tenant_id AND w.days >= s.from_day AND w.days < s.until_day
                      JOIN legal_entities e ON e.tenant_id = w.tenant_id AND e.id = w.entity_id
                      CROSS JOIN LATERAL (
                        SELECT CASE s.recipient
                                 WHEN 'owner' THEN w.owner_user_id
                                 WHEN 'approver' THEN w.approver_user_id
                                 WHEN 'escalationcontact' THEN e.escalation_contact_user_id
                                 ELSE e.director_user_id
                               END AS user_id
                      ) r
                      LEFT JOIN (SELECT a.tenant_id, a.instance_id, max(a.cycle) AS cycle FROM approvals a
                                 WHERE a.decision = 'Rejected' GROUP BY a.tenant_id, a.instance_id) rj
                        ON rj.tenant_id = w.tenant_id AND rj.instance_id = w.id
                      WHERE s.recipient <> 'owner' OR w.status IN ('NotStarted', 'InProgress')
                    ), queued AS (
                      -- Reminders already queued are skipped before a row is built; the conflict clause decides
                      -- between two sweeps at once and between one person named twice in a stage.
                      INSERT INTO notifications AS n (id, tenant_id, instance_id, stage, recipient_user_id, cycle, channel, status, attempts, created_at)
                      SELECT gen_random_uuid(), q.tenant_id, q.instance_id, q.stage, u.id, q.cycle, u.preferred_channel, 'Pending', 0, p_now
                      FROM due_now q
                      JOIN users u ON u.tenant_id = q.tenant_id AND u.id = q.user_id AND u.is_active
                      WHERE NOT EXISTS (SELECT 1 FROM notifications x
                                        WHERE x.instance_id = q.instance_id AND x.stage = q.stage AND x.recipient_user_id = u.id AND x.cycle = q.cycle)
                      ON CONFLICT (instance_id, stage, recipient_user_id, cycle) DO NOTHING
                      RETURNING n.tenant_id
                    )
                    SELECT d.tid, d.local_time, d.is_held, coalesce(q.n, 0)::int
                    FROM decided d
                    LEFT JOIN (SELECT q.tenant_id, count(*) AS n FROM queued q GROUP BY q.tenant_id) q ON q.tenant_id = d.tid
                    ORDER BY d.tid
                  $$;
                REVOKE ALL ON FUNCTION app_sweep_reminders(timestamptz, jsonb, time, time, boolean) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION app_sweep_reminders(timestamptz, jsonb, time, time, boolean) TO compliance_app;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION app_sweep_reminders(timestamptz, jsonb, time, time, boolean);");
        }
    }
}
