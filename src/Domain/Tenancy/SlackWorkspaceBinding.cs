using ComplianceOs.Domain.Common;

namespace ComplianceOs.Domain.Tenancy;

/// <summary>A Slack workspace (<c>team_id</c>) that belongs to one of our tenants; unique across the platform.</summary>
public sealed class SlackWorkspaceBinding : ITenantOwned
{
    public required string SlackTeamId { get; set; }

    public Guid TenantId { get; set; }
}
