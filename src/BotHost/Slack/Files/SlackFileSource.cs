using ComplianceOs.BotHost.Conversation.Evidence;
using ComplianceOs.BotHost.Slack.Api;
using ComplianceOs.BotHost.Slack.Workspaces;
using ComplianceOs.Domain.Channels;

namespace ComplianceOs.BotHost.Slack.Files;

/// <summary>
/// Files shared with the bot in Slack: the reference is "{team}/{file id}"; files.info (scope <c>files:read</c>)
/// gives the private download URL, fetched with the workspace's bot token. The workspace must belong to the
/// person's own tenant, so a crafted button cannot reach another workspace's files.
/// </summary>
public sealed class SlackFileSource(SlackWorkspaces workspaces, SlackApiClient slack) : IFileSource
{
    public const string SourceName = "slack";

    public string Name => SourceName;

    public static string Reference(string team, string fileId) => $"{team}/{fileId}";

    public async Task<FetchedFile> OpenAsync(ResolvedIdentity identity, IncomingFile file, CancellationToken ct)
    {
        if (file.Reference.Split('/') is not [var team, var fileId] || await workspaces.FindAsync(team, ct) is not { } w || w.TenantId != identity.TenantId)
        {
            return FetchedFile.Failed("it is not a file shared in your workspace");
        }

        var info = await slack.FileInfoAsync(w.BotToken, fileId, ct);
        if (!info.Ok || info.Value?.UrlPrivateDownload is not { } url)
        {
            return FetchedFile.Failed($"Slack did not give the file ({info.Error ?? "no download address"})");
        }

        var opened = await slack.OpenFileAsync(w.BotToken, url, ct);
        return opened.Ok ? new FetchedFile(opened.Value, null) : FetchedFile.Failed($"Slack refused the download ({opened.Error})");
    }
}
