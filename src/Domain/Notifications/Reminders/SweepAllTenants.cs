using ComplianceOs.Domain.Persistence;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace ComplianceOs.Domain.Notifications.Reminders;

/// <param name="TenantTime">The tenant's wall-clock time at the sweep's moment, in its time zone.</param>
/// <param name="Held">True when the tenant was in quiet hours: nothing was decided for it.</param>
public sealed record TenantSweepResult(Guid TenantId, LocalDateTime TenantTime, bool Held, int Queued);

/// <summary>The all-tenants sweep's outcome: one row per active tenant.</summary>
public sealed record AllTenantsSweepResult(IReadOnlyList<TenantSweepResult> Tenants)
{
    public int Queued => Tenants.Sum(t => t.Queued);

    public int HeldTenants => Tenants.Count(t => t.Held);
}

/// <summary>
/// The reminder sweep of every active tenant in one statement and one round trip: exactly what
/// <see cref="SweepRemindersHandler"/> decides for each tenant (its time zone, its matrix and quiet hours or the
/// defaults, the stage in force, open work only, the cycle after a rejection), written to the notification outbox
/// with the same guarantee — each (instance, stage, recipient, cycle) at most once, by the outbox's unique key,
/// however many sweeps run at once. Per tenant the sweep cost a transaction and four round trips before anything was
/// decided (3–4 ms of CPU; seconds over 1,000 tenants); here that cost is paid once.
/// <para>
/// The statement is <c>app_sweep_reminders</c>, a <c>SECURITY DEFINER</c> function (migration
/// <c>AllTenantsReminderSweep</c>): the application role cannot read across tenants under row-level security, and
/// the function reads each tenant's rows and writes only that tenant's outbox rows. It fails as a whole (nothing
/// queued, the exception escapes) if PostgreSQL does not know a tenant's time zone; the per-tenant sweep, which
/// reads the zone with NodaTime, still serves such a tenant.
/// </para>
/// </summary>
public sealed class SweepAllTenantsHandler(ComplianceDbFactory dbs, TimeProvider clock)
{
    // The defaults are the application's (EscalationMatrix.Default, ReminderSettings' quiet hours), passed in so the
    // function never holds a second copy of them; they apply to tenants without a reminder_settings row only.
    private static readonly ReminderSettings Defaults = ReminderSettings.Defaults(Guid.Empty);

    private const string Sql = "SELECT tenant_id, tenant_time, held, queued FROM app_sweep_reminders($1, $2, $3, $4, $5)";

    public async Task<AllTenantsSweepResult> HandleAsync(CancellationToken ct = default)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        await using var connection = await dbs.DataSource.OpenConnectionAsync(ct);

        // One statement in its own implicit transaction: it commits whole or not at all. A backlog (a first sweep,
        // or days without one) can queue a hundred thousand reminders, hence the generous timeout.
        await using var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 600 };
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = Defaults.StagesJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = Defaults.QuietFrom });
        command.Parameters.Add(new NpgsqlParameter { Value = Defaults.QuietUntil });
        command.Parameters.Add(new NpgsqlParameter { Value = Defaults.QuietOnSundays });
        var tenants = new List<TenantSweepResult>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tenants.Add(new TenantSweepResult(reader.GetGuid(0), reader.GetFieldValue<LocalDateTime>(1), reader.GetBoolean(2), reader.GetInt32(3)));
        }

        return new AllTenantsSweepResult(tenants);
    }
}
