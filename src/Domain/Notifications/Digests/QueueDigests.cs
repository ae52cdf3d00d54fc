using ComplianceOs.Domain.Notifications.Reminders;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Npgsql;

namespace ComplianceOs.Domain.Notifications.Digests;

public sealed record DigestResult(LocalDateTime TenantTime, bool Held, int Daily, int Weekly);

/// <summary>
/// Queues the day's digest (from 08:30) and, on Mondays from 09:00, the week's calendar, one per person and day or
/// week (the outbox's unique key; instance empty), in the tenant's time zone and outside its quiet hours — only
/// for people with something in them, so an empty digest is never sent. The card itself is drawn up at delivery,
/// from what is true then.
/// <list type="bullet">
/// <item>Digest: their open work that is overdue or due within 7 days, and work awaiting their approval.</item>
/// <item>Week: what falls due in the 7 days from Monday in the entities they can see, by entity.</item>
/// </list>
/// </summary>
public sealed class QueueDigestsHandler(ComplianceDbFactory dbs, TimeProvider clock)
{
    public const string DailyStage = "digest";
    public const string WeeklyStage = "week";
    public static readonly LocalTime DailyAt = new(8, 30);
    public static readonly LocalTime WeeklyAt = new(9, 0);
    public const int DaysAhead = 7;

    /// <summary>The day a digest's cycle (<c>day:2026-11-23</c>, <c>week:2026-11-23</c>) is about.</summary>
    public static LocalDate DayOf(string cycle) => LocalDate.FromDateTime(DateTime.ParseExact(cycle[(cycle.IndexOf(':') + 1)..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    public async Task<DigestResult> HandleAsync(Guid tenantId, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var zone = DateTimeZoneProviders.Tzdb[await db.Tenants.Select(t => t.TimeZone).SingleAsync(ct)];
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var local = now.InZone(zone).LocalDateTime;
        var settings = await db.ReminderSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? ReminderSettings.Defaults(tenantId);
        if (settings.IsQuiet(local))
        {
            return new DigestResult(local, Held: true, 0, 0);
        }

        var today = local.Date;
        var daily = local.TimeOfDay >= DailyAt ? await QueueAsync(db, tenantId, DailyStage, $"day:{today:uuuu-MM-dd}", DailySql, today, now, ct) : 0;
        var weekly = today.DayOfWeek == IsoDayOfWeek.Monday && local.TimeOfDay >= WeeklyAt
            ? await QueueAsync(db, tenantId, WeeklyStage, $"week:{today:uuuu-MM-dd}", WeeklySql, today, now, ct)
            : 0;
        await tx.CommitAsync(ct);
        return new DigestResult(local, Held: false, daily, weekly);
    }

    // Their own open work overdue or due within 7 days, or work awaiting their approval, in entities they can see.
    private const string DailySql = """
        EXISTS (SELECT 1 FROM compliance_instances i JOIN legal_entities e ON e.id = i.entity_id AND e.is_active
                WHERE i.tenant_id = $1 AND i.status <> 'Filed'
                  AND ((i.owner_user_id = u.id AND coalesce(i.extended_due_date, i.statutory_due_date) <= $4::date + 7)
                       OR (i.approver_user_id = u.id AND i.status = 'AwaitingApproval'))
                  AND (EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'Admin')
                       OR EXISTS (SELECT 1 FROM entity_access a WHERE a.user_id = u.id AND a.entity_id = i.entity_id)))
        """;

    // Anything open falling due in the coming 7 days in an entity they can see.
    private const string WeeklySql = """
        EXISTS (SELECT 1 FROM compliance_instances i JOIN legal_entities e ON e.id = i.entity_id AND e.is_active
                WHERE i.tenant_id = $1 AND i.status <> 'Filed'
                  AND coalesce(i.extended_due_date, i.statutory_due_date) BETWEEN $4::date AND $4::date + 6
                  AND (EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'Admin')
                       OR EXISTS (SELECT 1 FROM entity_access a WHERE a.user_id = u.id AND a.entity_id = i.entity_id)))
        """;

    private static async Task<int> QueueAsync(ComplianceDb db, Guid tenantId, string stage, string cycle, string condition, LocalDate today, Instant now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO notifications (id, tenant_id, instance_id, stage, recipient_user_id, cycle, channel, status, attempts, created_at)
            SELECT gen_random_uuid(), u.tenant_id, NULL, $2, u.id, $3, u.preferred_channel, 'Pending', 0, $5
            FROM users u
            WHERE u.tenant_id = $1 AND u.is_active AND {condition}
            ON CONFLICT (instance_id, stage, recipient_user_id, cycle) DO NOTHING
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = stage });
        command.Parameters.Add(new NpgsqlParameter { Value = cycle });
        command.Parameters.Add(new NpgsqlParameter { Value = today });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return await command.ExecuteNonQueryAsync(ct);
    }
}
