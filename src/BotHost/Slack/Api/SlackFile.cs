namespace ComplianceOs.BotHost.Slack.Api;

/// <summary>The files.info fields needed to fetch a file; download <see cref="UrlPrivateDownload"/> with the bot token.</summary>
public sealed record SlackFile(string Id, string? Name, string? Mimetype, long Size, string? UrlPrivateDownload);
