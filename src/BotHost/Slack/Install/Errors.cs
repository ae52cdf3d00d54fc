using ComplianceOs.Domain.Common;

namespace ComplianceOs.BotHost.Slack.Install;

/// <summary>The install link was used already, or expired, before this install could claim it; nothing was written.</summary>
public sealed record SlackInstallLinkUnusableError()
    : Error("slack_install_link_unusable", "This install link was already used or has expired.");

/// <summary>The Slack workspace belongs to another tenant (the platform-wide unique binding); nothing was written.</summary>
public sealed record SlackWorkspaceTakenError(string TeamId)
    : Error("slack_workspace_taken", "This Slack workspace is already connected to another organisation.");
