namespace ComplianceOs.BotHost.Slack.Api;

/// <summary>Where a message landed: its channel and timestamp (the id chat.update and threads use).</summary>
public sealed record SlackMessageRef(string Channel, string Ts);
