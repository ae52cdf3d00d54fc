using ComplianceOs.BotHost.Slack.Signing;
using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Slack.Endpoints;

/// <summary>
/// Reads a Slack request's raw body and verifies its signature before anything is parsed: the HMAC covers the bytes as
/// sent (for forms, the url-encoded body, not the decoded payload). Every refusal is a 4xx naming the problem.
/// </summary>
internal static partial class SignedSlackRequest
{
    private const int MaxBodyBytes = 1024 * 1024;

    /// <returns>The body; when it is null, the refusal to send instead.</returns>
    public static async Task<(byte[]? Body, IResult? Refusal)> ReadAsync(HttpContext http, CancellationToken ct)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.IsEnabled)
        {
            return (null, Results.NotFound());
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: "The request is too large."));
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: "The request is too large."));
            }

            body = buffer.ToArray();
        }
        catch (BadHttpRequestException)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The request body ended early."));
        }

        var verifier = http.RequestServices.GetRequiredService<SlackSignatureVerifier>();
        var outcome = verifier.Verify(
            http.Request.Headers["X-Slack-Request-Timestamp"].ToString(),
            http.Request.Headers["X-Slack-Signature"].ToString(),
            body);
        if (outcome != SlackSignatureOutcome.Valid)
        {
            LogRefused(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ComplianceOs.BotHost.Slack"), http.Request.Path, outcome);
            return (null, Results.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: Reason(outcome)));
        }

        return (body, null);
    }

    private static string Reason(SlackSignatureOutcome outcome) => outcome switch
    {
        SlackSignatureOutcome.MissingHeaders => "The request has no Slack signature headers.",
        SlackSignatureOutcome.BadTimestamp => "The Slack request timestamp is not a number.",
        SlackSignatureOutcome.Stale => "The Slack request timestamp is more than five minutes away from now.",
        SlackSignatureOutcome.UnknownVersion => "The Slack signature version is not v0.",
        SlackSignatureOutcome.Replayed => "This exact Slack request was already received.",
        _ => "The Slack signature does not match the request.",
    };

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Slack request to {Path} refused: {Outcome}")]
    private static partial void LogRefused(ILogger logger, string path, SlackSignatureOutcome outcome);
}
