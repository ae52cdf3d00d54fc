using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

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
    public async Task<SweepResult> HandleAsync(Guid tenantId, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var timeZone = await db.Tenants.Select(t => t.TimeZone).SingleAsync(ct);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var local = now.InZone(DateTimeZoneProviders.Tzdb[timeZone]).LocalDateTime;
        var settings = await db.ReminderSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? ReminderSettings.Defaults(tenantId);
        if (settings.IsQuiet(local))
        {
            return new SweepResult(local, Held: true, 0);
        }

        var stages = settings.Stages;
        var queued = 0;
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var until = i + 1 < stages.Count ? stages[i + 1].DaysFromDue : int.MaxValue / 2;
            foreach (var to in stage.To)
            {
                queued += await QueueAsync(db, tenantId, stage, to, until, local.Date, now, ct);
            }
        }

        await tx.CommitAsync(ct);
        return new SweepResult(local, Held: false, queued);
    }

    private static async Task<int> QueueAsync(ComplianceDb db, Guid tenantId, EscalationStage stage, StageRecipient to, int untilDays, LocalDate today, Instant now, CancellationToken ct)
    {
        var recipient = to switch
        {
            StageRecipient.Owner => "i.owner_user_id",
            StageRecipient.Approver => "i.approver_user_id",
            StageRecipient.EscalationContact => "e.escalation_contact_user_id",
            _ => "e.director_user_id",
        };

        // The owner is reminded while the work is theirs (not yet submitted, or sent back); the others while it is open.
        var open = to == StageRecipient.Owner ? "i.status IN ('NotStarted', 'InProgress')" : "i.status NOT IN ('Approved', 'Filed')";

        // The stage is in force from due + DaysFromDue until the next stage's day (exclusive). The cycle is the due
        // date in force and, after a rejection, its approval cycle: work sent back is reminded again.
        await using var command = new NpgsqlCommand($"""
            INSERT INTO notifications (id, tenant_id, instance_id, stage, recipient_user_id, cycle, channel, status, attempts, created_at)
            SELECT gen_random_uuid(), i.tenant_id, i.id, $2, u.id,
                   'due:' || to_char(coalesce(i.extended_due_date, i.statutory_due_date), 'YYYY-MM-DD')
                     || coalesce(':r' || (SELECT max(a.cycle) FROM approvals a WHERE a.instance_id = i.id AND a.decision = 'Rejected')::text, ''),
                   u.preferred_channel, 'Pending', 0, $6
            FROM compliance_instances i
            JOIN legal_entities e ON e.id = i.entity_id
            JOIN users u ON u.id = {recipient} AND u.is_active
            WHERE i.tenant_id = $1
              AND {open}
              AND coalesce(i.extended_due_date, i.statutory_due_date) IS NOT NULL
              AND $5::date - coalesce(i.extended_due_date, i.statutory_due_date) >= $3
              AND $5::date - coalesce(i.extended_due_date, i.statutory_due_date) < $4
            ON CONFLICT (instance_id, stage, recipient_user_id, cycle) DO NOTHING
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = stage.Stage });
        command.Parameters.Add(new NpgsqlParameter { Value = stage.DaysFromDue });
        command.Parameters.Add(new NpgsqlParameter { Value = untilDays });
        command.Parameters.Add(new NpgsqlParameter { Value = today });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return await command.ExecuteNonQueryAsync(ct);
    }
}
