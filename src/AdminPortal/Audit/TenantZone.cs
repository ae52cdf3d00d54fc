using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.AdminPortal.Audit;

/// <summary>The tenant's time zone, in which the portal shows times and reads dates typed into filters.</summary>
public sealed record TenantZone(DateTimeZone Zone)
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss");
    private static readonly LocalDateTimePattern LocalMinutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    public string Id => Zone.Id;

    /// <summary>Reads it through a tenant-scoped context inside the caller's transaction.</summary>
    public static async Task<TenantZone> LoadAsync(ComplianceDb db, CancellationToken ct)
    {
        var id = await db.Tenants.AsNoTracking().Select(t => t.TimeZone).SingleAsync(ct);
        return new TenantZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? DateTimeZoneProviders.Tzdb[Domain.Tenancy.Tenant.DefaultTimeZone]);
    }

    public string Format(Instant at) => Local.Format(at.InZone(Zone).LocalDateTime);

    public string FormatMinutes(Instant at) => LocalMinutes.Format(at.InZone(Zone).LocalDateTime);

    public LocalDate Today(TimeProvider clock) => Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Zone).Date;
}
