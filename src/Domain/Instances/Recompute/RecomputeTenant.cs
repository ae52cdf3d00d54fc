using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Instances.Recompute;

/// <summary>
/// Recomputes a whole tenant in its own transaction (the hourly job's unit of work). Derived flags are not user
/// actions, so this writes no audit entry; the actions that cause them are audited.
/// </summary>
public sealed class RecomputeTenantHandler(ComplianceDbFactory dbs, RecomputeStatus recompute, TimeProvider clock)
{
    /// <param name="today">The tenant's date; null for today in the tenant's time zone.</param>
    public async Task<int> HandleAsync(Guid tenantId, LocalDate? today = null, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var date = today ?? await TenantTodayAsync(db, clock, ct);
        var changed = await recompute.RunAsync(db, tenantId, date, scope: null, ct);
        await tx.CommitAsync(ct);
        return changed;
    }

    /// <summary>Today's date in the tenant's time zone (default Asia/Kolkata).</summary>
    public static async Task<LocalDate> TenantTodayAsync(ComplianceDb db, TimeProvider clock, CancellationToken ct)
    {
        var timeZone = await db.Tenants.Select(t => t.TimeZone).SingleAsync(ct);
        return Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(DateTimeZoneProviders.Tzdb[timeZone]).Date;
    }
}
