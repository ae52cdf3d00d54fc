namespace ComplianceOs.BotHost.Slack.Api;

/// <summary>
/// Error codes the client reports itself, next to Slack's own (which pass through unchanged). Slack's codes are
/// lower-case with underscores; ours follow the same form so callers can switch on one string.
/// </summary>
public static class SlackApiErrors
{
    /// <summary>Still HTTP 429 after three attempts, or paused for longer than the client waits inline.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>No HTTP answer: connection failure or timeout.</summary>
    public const string Network = "network";

    /// <summary>A success status whose body is not a Slack answer (not JSON, or no <c>ok</c>).</summary>
    public const string InvalidResponse = "invalid_response";

    /// <summary>A file download answered with an HTML page: Slack's sign-in page, so the token lacks <c>files:read</c>.</summary>
    public const string NotAFile = "not_a_file";

    /// <summary>A file download larger than the caller's limit.</summary>
    public const string TooLarge = "too_large";

    /// <summary>A download URL that is not Slack's: the bot token is never sent there.</summary>
    public const string UntrustedUrl = "untrusted_url";

    /// <summary>A URL that is not absolute http(s).</summary>
    public const string InvalidUrl = "invalid_url";

    /// <summary>An HTTP status with no Slack error code, e.g. <c>http_500</c>.</summary>
    public static string Http(int status) => $"http_{status}";
}
