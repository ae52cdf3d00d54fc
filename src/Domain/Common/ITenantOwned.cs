namespace ComplianceOs.Domain.Common;

/// <summary>A row that belongs to exactly one tenant; covered by the "Tenant" query filter and by row-level security.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
