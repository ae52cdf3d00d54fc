using System.Net.Http.Headers;
using ComplianceOs.BotHost.Conversation.Evidence;
using ComplianceOs.BotHost.Teams.Connector;
using ComplianceOs.Domain.Channels;
using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Teams.Files;

/// <summary>
/// Images pasted into a message (a photographed challan, a screenshot of the portal's acknowledgement): an attachment
/// of type <c>image/*</c> whose <c>contentUrl</c> is on the Bot Connector. Unlike files, these need the bot's connector
/// token, so they are fetched only from <see cref="TeamsFileOptions.ImageHosts"/>. A pasted image has no name; it is
/// named from the type the download declares, and the vault still decides the type from the bytes.
/// </summary>
public sealed partial class TeamsInlineImageSource(
    IHttpClientFactory http, ConnectorTokenProvider tokens, IOptions<TeamsFileOptions> options, ILogger<TeamsInlineImageSource> logger) : IFileSource
{
    public const string SourceName = "teams-image";

    /// <summary>The name given to a pasted image until its download says what it is.</summary>
    public const string UnnamedImage = "pasted-image";

    public string Name => SourceName;

    public async Task<FetchedFile> OpenAsync(ResolvedIdentity identity, IncomingFile file, CancellationToken ct)
    {
        if (!Uri.TryCreate(file.Reference, UriKind.Absolute, out var url) || !options.Value.IsAllowedImage(url))
        {
            LogRefusedHost(logger, identity.TenantId);
            return FetchedFile.Failed("its address is not one Teams uses for images");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (await tokens.GetTokenAsync(ct) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.CreateClient(TeamsFileSource.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            return FetchedFile.Failed($"Teams refused the image (HTTP {(int)response.StatusCode})");
        }

        var name = Path.HasExtension(file.Name) ? file.Name : file.Name + ExtensionFor(response.Content.Headers.ContentType?.MediaType);
        return new FetchedFile(new ResponseStream(response, await response.Content.ReadAsStreamAsync(ct)), null) { Name = name };
    }

    private static string ExtensionFor(string? mediaType) => mediaType switch
    {
        "image/png" => ".png",
        "image/jpeg" or "image/jpg" => ".jpg",
        _ => string.Empty, // the vault then refuses it for having no type it takes, and says so
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Teams inline image outside the allowed hosts was refused (tenant {TenantId})")]
    private static partial void LogRefusedHost(ILogger logger, Guid tenantId);
}
