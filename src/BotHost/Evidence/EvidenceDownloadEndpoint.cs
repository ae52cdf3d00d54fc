using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.EvidenceVault.Links;

namespace ComplianceOs.BotHost.Evidence;

/// <summary>
/// <c>GET /evidence/{token}</c>: a signed link opened in a browser. The file is served only after the link, the
/// person's access and the bytes' SHA-256 are checked; as an attachment, never sniffed, never cached.
/// </summary>
public static class EvidenceDownloadEndpoint
{
    private static readonly Action<ILogger, Exception?> EphemeralKey = LoggerMessage.Define(LogLevel.Warning, new EventId(1, "EphemeralLinkKey"),
        "Evidence:Links:SigningKey is not set: download links are signed with a key made at start and die with a restart; set one shared key for every host");

    public static IEndpointRouteBuilder MapEvidenceDownloads(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<EvidenceLinkOptions>>().Value.KeyIsEphemeral)
        {
            EphemeralKey(app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EvidenceDownloadEndpoint)), null);
        }

        app.MapGet("/evidence/{token}", async (string token, OpenEvidenceHandler open, HttpContext http, CancellationToken ct) =>
        {
            var result = await open.HandleAsync(token, ct);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            if (result.Value is not { } opened)
            {
                var error = result.Errors[0];
                return Results.Problem(title: error.Message, statusCode: error switch
                {
                    ForbiddenError => StatusCodes.Status403Forbidden,
                    NotFoundError => StatusCodes.Status404NotFound,
                    IntegrityError => StatusCodes.Status409Conflict,
                    _ => StatusCodes.Status400BadRequest,
                });
            }

            http.Response.Headers["X-Evidence-SHA256"] = opened.Evidence.Sha256;
            return Results.File(opened.Content, opened.Evidence.ContentType, opened.Evidence.FileName);
        });
        return app;
    }
}
