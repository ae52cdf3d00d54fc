using ComplianceOs.Domain.Common;

namespace ComplianceOs.BotHost.Slack.Install;

/// <summary>Installs are off: <c>Slack:ClientId</c> (and the rest of the install configuration) is not set.</summary>
public sealed record SlackInstallsDisabledError()
    : Error("slack_installs_disabled", "Slack installs are not configured on this host (Slack:ClientId, Slack:ClientSecret, Slack:PublicBaseUrl).");

/// <summary>The install link was used already, or expired, before this install could claim it; nothing was written.</summary>
public sealed record SlackInstallLinkUnusableError()
    : Error("slack_install_link_unusable", "This install link was already used or has expired.");

/// <summary>The Slack workspace belongs to another tenant (the platform-wide unique binding); nothing was written.</summary>
public sealed record SlackWorkspaceTakenError(string TeamId)
    : Error("slack_workspace_taken", "This Slack workspace is already connected to another organisation.");
