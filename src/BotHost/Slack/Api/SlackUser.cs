namespace ComplianceOs.BotHost.Slack.Api;

/// <summary>The users.info fields the bot uses. <see cref="Email"/> is null without the <c>users:read.email</c> scope.</summary>
public sealed record SlackUser(string Id, string? TeamId, string? Name, string? RealName, string? Email, bool IsBot, bool Deleted);
