using ComplianceOs.Domain.Common;

namespace ComplianceOs.Domain.Channels.Slack.IssueInstallLink;

/// <summary>Installs are off: <c>Slack:ClientId</c> (and the rest of the install configuration) is not set.</summary>
public sealed record SlackInstallsDisabledError()
    : Error("slack_installs_disabled", "Slack installs are not configured on this host (Slack:ClientId, Slack:ClientSecret, Slack:PublicBaseUrl).");
