namespace ComplianceOs.Domain.Persistence;

/// <summary>
/// Whose rows a <see cref="ComplianceDb"/> may see. Applied twice: as the EF Core "Tenant" query filter and, at the
/// start of every transaction, as the PostgreSQL settings <c>app.tenant_id</c> / <c>app.platform</c> that the
/// row-level-security policies read.
/// </summary>
public sealed record DbScope
{
    private DbScope(Guid? tenantId, bool platform)
    {
        TenantId = tenantId;
        IsPlatform = platform;
    }

    /// <summary>No tenant: row-level security hides every tenant row. Used by health checks and migrations.</summary>
    public static DbScope Unscoped { get; } = new(null, false);

    public Guid? TenantId { get; }

    /// <summary>Platform scope sees tenants and platform operators (not tenant data) and may create tenants.</summary>
    public bool IsPlatform { get; }

    public bool IsUnscoped => TenantId is null && !IsPlatform;

    public static DbScope Tenant(Guid tenantId) =>
        tenantId == Guid.Empty ? throw new ArgumentException("A tenant id is required.", nameof(tenantId)) : new(tenantId, false);

    public static DbScope Platform() => new(null, true);

    /// <summary>Platform scope that also acts inside one tenant, so a new tenant and its first rows commit together.</summary>
    public static DbScope PlatformWithinTenant(Guid tenantId) => new(tenantId, true);
}
