using ComplianceOs.Domain.Common;

namespace ComplianceOs.Domain.Tenancy;

/// <summary>A Microsoft Entra (Teams) tenant id that belongs to one of our tenants; unique across the platform.</summary>
public sealed class TeamsTenantBinding : ITenantOwned
{
    public required string TeamsTenantId { get; set; }

    public Guid TenantId { get; set; }
}
