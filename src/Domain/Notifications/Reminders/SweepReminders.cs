using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace ComplianceOs.Domain.Notifications.Reminders;

/// <param name="Held">True when the tenant's clock is in quiet hours: nothing is decided now, the stage waits for the morning.</param>
public sealed record SweepResult(LocalDateTime TenantTime, bool Held, int Queued);

/// <summary>
/// Decides which reminders and escalations are due for one tenant now and writes them to the notification outbox
/// in one set-based statement, in one transaction: each (instance, stage, recipient, cycle) at most once, by the
/// outbox's unique key (<c>ON CONFLICT DO NOTHING</c>), whoever sweeps and however often. The tenant's matrix and
/// quiet hours (<see cref="ReminderSettings"/>; by default 20:00–08:00 and Sundays in its time zone) apply; quiet
/// hours decide nothing, and the stage is still in force in the morning. Open work
/// only: the owner's reminders stop when the work is submitted, everyone's once it is approved or filed.
/// </summary>
public sealed class SweepRemindersHandler(ComplianceDbFactory dbs, TimeProvider clock)
{
    // The last stage stays in force for good (there is no next stage's day to end it).
    private const int Forever = int.MaxValue / 2;

    // One row per stage and recipient, from the tenant's matrix: the stage is in force from due + from_day until
    // due + until_day (the next stage's day, exclusive). The owner is reminded while the work is theirs (not yet
    // submitted, or sent back); the others while it is open. The cycle is the due date in force and, after a
    // rejection, its approval cycle: work sent back is reminded again. Work not yet due for the first stage is left
    // out before the stages are matched. A reminder already queued is skipped before a row is built for it (the
    // stage in force stays in force, so most of a sweep's candidates were queued by an earlier sweep); the conflict
    // clause still decides between two sweeps at once, and between the same person named twice in one stage
    // (owner and approver alike), since it also covers rows of this very statement.
    private const string Sql = """
        INSERT INTO notifications (id, tenant_id, instance_id, stage, recipient_user_id, cycle, channel, status, attempts, created_at)
        SELECT gen_random_uuid(), i.tenant_id, i.id, s.stage, u.id, c.cycle, u.preferred_channel, 'Pending', 0, $7
        FROM compliance_instances i
        CROSS JOIN LATERAL (SELECT coalesce(i.extended_due_date, i.statutory_due_date) AS due) d
        JOIN unnest($2::text[], $3::int[], $4::int[], $5::text[]) AS s(stage, from_day, until_day, recipient)
          ON $6::date - d.due >= s.from_day AND $6::date - d.due < s.until_day
        JOIN legal_entities e ON e.id = i.entity_id
        JOIN users u ON u.is_active AND u.id = CASE s.recipient
                                                 WHEN 'Owner' THEN i.owner_user_id
                                                 WHEN 'Approver' THEN i.approver_user_id
                                                 WHEN 'EscalationContact' THEN e.escalation_contact_user_id
                                                 ELSE e.director_user_id
                                               END
        CROSS JOIN LATERAL (
          SELECT 'due:' || to_char(d.due, 'YYYY-MM-DD')
                   || coalesce(':r' || (SELECT max(a.cycle) FROM approvals a WHERE a.instance_id = i.id AND a.decision = 'Rejected')::text, '') AS cycle
        ) c
        WHERE i.tenant_id = $1
          AND d.due <= $6::date - (SELECT min(f) FROM unnest($3::int[]) AS f)
          AND CASE WHEN s.recipient = 'Owner' THEN i.status IN ('NotStarted', 'InProgress')
                   ELSE i.status NOT IN ('Approved', 'Filed') END
          AND NOT EXISTS (SELECT 1 FROM notifications n
                          WHERE n.instance_id = i.id AND n.stage = s.stage AND n.recipient_user_id = u.id AND n.cycle = c.cycle)
        ON CONFLICT (instance_id, stage, recipient_user_id, cycle) DO NOTHING
        """;

    public async Task<SweepResult> HandleAsync(Guid tenantId, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The tenant's time zone and its own settings, if any, in one round trip: the sweep runs for every tenant
        // every 15 minutes, and a tenant with nothing new to send costs little more than its round trips.
        var tenant = await (
            from t in db.Tenants
            join r in db.ReminderSettings.AsNoTracking() on t.Id equals r.TenantId into own
            from r in own.DefaultIfEmpty()
            select new { t.TimeZone, Settings = r }).SingleAsync(ct);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var local = now.InZone(DateTimeZoneProviders.Tzdb[tenant.TimeZone]).LocalDateTime;
        var settings = tenant.Settings ?? ReminderSettings.Defaults(tenantId);
        if (settings.IsQuiet(local))
        {
            return new SweepResult(local, Held: true, 0);
        }

        var stages = settings.Stages;
        var names = new List<string>();
        var fromDays = new List<int>();
        var untilDays = new List<int>();
        var recipients = new List<string>();
        for (var i = 0; i < stages.Count; i++)
        {
            var until = i + 1 < stages.Count ? stages[i + 1].DaysFromDue : Forever;
            foreach (var to in stages[i].To)
            {
                names.Add(stages[i].Stage);
                fromDays.Add(stages[i].DaysFromDue);
                untilDays.Add(until);
                recipients.Add(to.ToString());
            }
        }

        await using var command = new NpgsqlCommand(Sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = names.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = fromDays.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = untilDays.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = recipients.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = local.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        var queued = await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return new SweepResult(local, Held: false, queued);
    }
}
