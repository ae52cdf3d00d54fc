namespace ComplianceOs.BotHost.Slack.Api;

/// <summary>
/// The answer to oauth.v2.access: the workspace's bot token and who installed it. <see cref="TeamId"/> is null for
/// org-wide installs (key those by <see cref="EnterpriseId"/>). <see cref="AccessToken"/> is a secret: never logged.
/// </summary>
public sealed record SlackOAuthAccess(
    bool Ok,
    string? Error,
    string? AccessToken,
    string? BotUserId,
    string? AppId,
    string? TeamId,
    string? TeamName,
    string? EnterpriseId,
    bool IsEnterpriseInstall,
    string? Scope,
    string? AuthedUserId)
{
    public static SlackOAuthAccess Failure(string error) => new(false, error, null, null, null, null, null, null, false, null, null);

    /// <summary>The record's text leaves the token out, so logging a whole result cannot leak it.</summary>
    public override string ToString() =>
        $"SlackOAuthAccess {{ Ok = {Ok}, Error = {Error}, TeamId = {TeamId}, EnterpriseId = {EnterpriseId}, AppId = {AppId}, BotUserId = {BotUserId}, Scope = {Scope} }}";
}
