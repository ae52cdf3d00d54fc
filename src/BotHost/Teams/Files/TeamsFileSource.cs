using System.Net.Http.Headers;
using ComplianceOs.BotHost.Conversation.Evidence;
using ComplianceOs.Domain.Channels;
using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Teams.Files;

/// <summary>
/// Files sent to the bot in personal chat (<c>application/vnd.microsoft.teams.file.download.info</c>): fetched from
/// <c>content.downloadUrl</c>, which is pre-authorised and short-lived — with no bot token, which would only be
/// refused — and streamed, never buffered whole.
/// </summary>
public sealed partial class TeamsFileSource(IHttpClientFactory http, IOptions<TeamsFileOptions> options, ILogger<TeamsFileSource> logger) : IFileSource
{
    public const string SourceName = "teams";
    public const string HttpClientName = "teams-files";
    public const string DownloadInfoType = "application/vnd.microsoft.teams.file.download.info";

    public string Name => SourceName;

    public async Task<FetchedFile> OpenAsync(ResolvedIdentity identity, IncomingFile file, CancellationToken ct)
    {
        if (!Uri.TryCreate(file.Reference, UriKind.Absolute, out var url) || !options.Value.IsAllowed(url))
        {
            LogRefusedHost(logger, identity.TenantId);
            return FetchedFile.Failed("its download address is not one Teams uses");
        }

        var client = http.CreateClient(HttpClientName);
        var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            return FetchedFile.Failed($"Teams refused the download (HTTP {(int)response.StatusCode}); its link may have expired");
        }

        if (response.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: "text/html" })
        {
            // A sharing page (some mobile clients) rather than the file itself.
            response.Dispose();
            return FetchedFile.Failed("Teams gave a web page instead of the file");
        }

        return new FetchedFile(new ResponseStream(response, await response.Content.ReadAsStreamAsync(ct)), null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Teams file download URL outside the allowed hosts was refused (tenant {TenantId})")]
    private static partial void LogRefusedHost(ILogger logger, Guid tenantId);
}
