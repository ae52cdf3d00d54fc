using ComplianceOs.Domain.Channels.Slack.Install;

namespace ComplianceOs.BotHost.Slack;

/// <summary>
/// Configuration section <c>Slack</c>. The channel is off until <see cref="SigningSecret"/> is set: without it no
/// request can be verified, so the <c>/slack/*</c> endpoints answer 404 rather than accept unsigned traffic.
/// </summary>
/// <remarks>The install-link keys (client id, public URL, key ring) are inherited: the admin portal issues links too.</remarks>
public sealed class SlackOptions : SlackInstallLinkOptions
{
    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    /// <summary>The app's signing secret (Basic Information → App Credentials). Never logged.</summary>
    public string SigningSecret { get; set; } = string.Empty;

    /// <summary>The Web API base; tests point it at a local fake. Must end with a slash.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Demo workspaces whose bot tokens come from configuration (<c>Slack:DemoWorkspaces:{teamId}:BotToken</c>).</summary>
    public Dictionary<string, SlackWorkspaceOptions> DemoWorkspaces { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>OAuth v2 client secret. Never logged.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Where Slack's authorize page lives; tests point it at a fake.</summary>
    public string AuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";

    /// <summary>How many inbox deliveries the worker has in flight at once (1–64): most of a turn waits on Slack.</summary>
    public int InboxParallelism { get; set; } = 8;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(SigningSecret);
}

/// <summary>One demo workspace's credentials from configuration.</summary>
public sealed class SlackWorkspaceOptions
{
    /// <summary>The bot token (<c>xoxb-…</c>). Never logged.</summary>
    public string BotToken { get; set; } = string.Empty;

    /// <summary>The bot's own user id in the workspace (for ignoring its own messages); looked up with auth.test when empty.</summary>
    public string BotUserId { get; set; } = string.Empty;
}
