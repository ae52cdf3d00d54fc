using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Npgsql;

namespace ComplianceOs.Domain.Notifications.Reminders;

public sealed record SnoozeReminderCommand(Guid NotificationId);

/// <param name="Until">When the reminder comes back, in the tenant's time zone.</param>
public sealed record SnoozeResult(Guid InstanceId, string Stage, LocalDateTime Until);

/// <summary>
/// "Remind me tomorrow" on a reminder or escalation card: the same stage comes back to its recipient at 09:00 the
/// next day the tenant is not in quiet hours. Only that stage is deferred — the next stage still arrives on its
/// day. Only the person it was sent to may snooze it, only while the work is open; a second click the same day
/// changes nothing (the snoozed row's unique key), and every snooze is audited.
/// </summary>
public sealed class SnoozeReminderHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    public const string Marker = ":snoozed:";
    public static readonly LocalTime ComesBackAt = new(9, 0);

    public static bool IsSnoozed(string cycle) => cycle.Contains(Marker, StringComparison.Ordinal);

    /// <summary>09:00 on the first day after <paramref name="today"/> when 09:00 is not quiet (Saturday's snooze comes back on Monday).</summary>
    public static LocalDateTime ComesBack(ReminderSettings settings, LocalDate today)
    {
        for (var day = today.PlusDays(1); day <= today.PlusDays(7); day = day.PlusDays(1))
        {
            if (!settings.IsQuiet(day.At(ComesBackAt)))
            {
                return day.At(ComesBackAt);
            }
        }

        // 09:00 is always quiet under these settings: the end of tomorrow's quiet hours instead.
        return settings.NextAllowed(today.PlusDays(1).At(ComesBackAt));
    }

    public async Task<CommandResult<SnoozeResult>> HandleAsync(CommandContext ctx, SnoozeReminderCommand cmd, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var n = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(x => x.Id == cmd.NotificationId, ct);
        if (n is null || n.RecipientUserId != ctx.Actor.Id || n.InstanceId is not { } instanceId)
        {
            // Someone else's reminder looks exactly like one that does not exist.
            return new NotFoundError("Reminder", cmd.NotificationId.ToString());
        }

        if (ApprovalNotifications.IsApprovalStage(n.Stage))
        {
            return new ValidationError("notificationId", "an approval request cannot be snoozed; approve or reject it");
        }

        var state = await db.ComplianceInstances.Where(i => i.Id == instanceId).Select(i => i.Status).SingleAsync(ct);
        if (state is InstanceStatus.Approved or InstanceStatus.Filed)
        {
            return new ValidationError("notificationId", $"the obligation is {state.ToString().ToLowerInvariant()}; there is nothing left to remind you of");
        }

        var zone = DateTimeZoneProviders.Tzdb[await db.Tenants.Select(t => t.TimeZone).SingleAsync(ct)];
        var settings = await db.ReminderSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? ReminderSettings.Defaults(ctx.TenantId);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var until = ComesBack(settings, now.InZone(zone).Date);
        var baseCycle = IsSnoozed(n.Cycle) ? n.Cycle[..n.Cycle.IndexOf(Marker, StringComparison.Ordinal)] : n.Cycle;
        var cycle = $"{baseCycle}{Marker}{until.Date:uuuu-MM-dd}";

        await using var insert = new NpgsqlCommand("""
            INSERT INTO notifications (id, tenant_id, instance_id, stage, recipient_user_id, cycle, channel, status, attempts, created_at, not_before)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'Pending', 0, $8, $9)
            ON CONFLICT (instance_id, stage, recipient_user_id, cycle) DO NOTHING
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction());
        insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        insert.Parameters.Add(new NpgsqlParameter { Value = ctx.TenantId });
        insert.Parameters.Add(new NpgsqlParameter { Value = instanceId });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.Stage });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.RecipientUserId });
        insert.Parameters.Add(new NpgsqlParameter { Value = cycle });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.Channel.ToString() });
        insert.Parameters.Add(new NpgsqlParameter { Value = now });
        insert.Parameters.Add(new NpgsqlParameter { Value = until.InZoneLeniently(zone).ToInstant() });
        if (await insert.ExecuteNonQueryAsync(ct) > 0)
        {
            await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.ReminderSnoozed, "ComplianceInstance", instanceId.ToString(), null, new { stage = n.Stage, notification = n.Id, until = until.ToString("uuuu-MM-dd HH:mm", null) }), ct);
        }

        await tx.CommitAsync(ct);
        return new SnoozeResult(instanceId, n.Stage, until);
    }
}
