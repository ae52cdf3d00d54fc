namespace ComplianceOs.BotHost.Slack.Api;

/// <summary>Who a token is (auth.test): its workspace, the bot's user id and its bot id (for ignoring its own messages).</summary>
public sealed record SlackAuthIdentity(string TeamId, string UserId, string? BotId);
