using NodaTime;

namespace ComplianceOs.Domain.Tenancy;

/// <summary>A customer organisation. Its Teams tenants and Slack workspaces resolve to it.</summary>
public sealed class Tenant
{
    public const string DefaultTimeZone = "Asia/Kolkata";

    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>IANA time zone id; reminders and "today" are computed in it.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    public bool IsActive { get; set; } = true;

    /// <summary>The largest evidence file this tenant accepts; null for the application's default (<c>Evidence:MaxUploadBytes</c>).</summary>
    public long? MaxEvidenceBytes { get; set; }

    public Instant CreatedAt { get; set; }

    public List<TeamsTenantBinding> TeamsTenants { get; set; } = [];

    public List<SlackWorkspaceBinding> SlackWorkspaces { get; set; } = [];
}
