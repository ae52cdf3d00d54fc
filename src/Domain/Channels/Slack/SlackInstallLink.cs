using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Channels.Slack;

/// <summary>
/// An install link an admin issued for one tenant: usable once, until it expires. The OAuth callback marks it used
/// with a conditional update, so two callbacks racing for one link bind at most one workspace.
/// </summary>
public sealed class SlackInstallLink : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string IssuedBy { get; set; }

    public Instant IssuedAt { get; set; }

    public Instant ExpiresAt { get; set; }

    public Instant? UsedAt { get; set; }

    public string? UsedForTeamId { get; set; }
}
