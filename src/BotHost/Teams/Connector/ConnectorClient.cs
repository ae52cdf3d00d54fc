using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ComplianceOs.BotHost.Teams.Protocol;

namespace ComplianceOs.BotHost.Teams.Connector;

/// <summary>The outcome of a connector call: success with the returned id (when the channel gave one), or the HTTP status.</summary>
public sealed record ConnectorResult(bool Succeeded, HttpStatusCode Status, string? Id, string? ErrorCode)
{
    public bool AppNotInstalled => Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
}

/// <summary>
/// Calls the Bot Connector REST API at an activity's <c>serviceUrl</c>: send, reply, update, delete, get a member,
/// create a 1:1 conversation. Ids are escaped once as path segments. Retries: 429 (honouring Retry-After), and
/// 412/5xx for GET, PUT and DELETE; a POST that failed ambiguously (5xx, timeout) is retried once and logged as a
/// possible duplicate, since creating an activity is not idempotent.
/// </summary>
public sealed partial class ConnectorClient(HttpClient http, ConnectorTokenProvider tokens, ILogger<ConnectorClient> logger)
{
    private const int MaxAttempts = 4;

    public Task<ConnectorResult> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, ct);

    public Task<ConnectorResult> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct = default)
    {
        activity.ReplyToId ??= activityId;
        return SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, ct);
    }

    public Task<ConnectorResult> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, ct);

    public Task<ConnectorResult> DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, ct);

    /// <summary>Reads one member of a conversation (for the user's email / UPN); null when not found.</summary>
    public async Task<JsonElement?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken ct = default)
    {
        using var response = await ExecuteAsync(HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}", null, ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(ct) : null;
    }

    /// <summary>Creates (or finds) the 1:1 conversation with a user; the result's <see cref="ConnectorResult.Id"/> is the conversation id.</summary>
    public Task<ConnectorResult> CreateConversationAsync(string serviceUrl, string botId, string userId, string tenantId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", new
        {
            bot = new { id = botId },
            members = new[] { new { id = userId } },
            channelData = new { tenant = new { id = tenantId } },
            tenantId,
            isGroup = false,
        }, ct);

    internal static string Escape(string segment) => Uri.EscapeDataString(segment);

    private async Task<ConnectorResult> SendAsync(HttpMethod method, string serviceUrl, string path, object? body, CancellationToken ct)
    {
        using var response = await ExecuteAsync(method, serviceUrl, path, body, ct);
        string? id = null;
        string? error = null;
        if (response.Content.Headers.ContentLength is not 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            if (json.ValueKind == JsonValueKind.Object)
            {
                id = json.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                error = json.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("code", out var c) ? c.GetString() : null;
            }
        }

        if (!response.IsSuccessStatusCode)
        {
            LogFailed(logger, method.Method, (int)response.StatusCode, error);
        }

        return new ConnectorResult(response.IsSuccessStatusCode, response.StatusCode, id, error);
    }

    private async Task<HttpResponseMessage> ExecuteAsync(HttpMethod method, string serviceUrl, string path, object? body, CancellationToken ct)
    {
        var uri = new Uri(new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/"), path);
        var token = await tokens.GetTokenAsync(ct);
        var retriedPost = false;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: ActivityJson.Options);
            }

            HttpResponseMessage? response = null;
            var neverSent = false;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (HttpRequestException ex)
            {
                // No answer at all: the same rules as a 5xx. A refused connection never carried the request.
                neverSent = ex.HttpRequestError == HttpRequestError.ConnectionError;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            if (response is null)
            {
                if (attempt >= MaxAttempts || (method == HttpMethod.Post && retriedPost && !neverSent))
                {
                    // The connector cannot be reached: a failed result for the caller to retry later, never an exception.
                    LogUnreachable(logger, method.Method, path);
                    return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
                }
            }
            else if (!ShouldRetry(method, response.StatusCode, retriedPost) || attempt >= MaxAttempts)
            {
                return response;
            }

            if (method == HttpMethod.Post && response?.StatusCode != HttpStatusCode.TooManyRequests && !neverSent)
            {
                // The first attempt may have been delivered: a retried POST can duplicate the message.
                retriedPost = true;
                LogPossibleDuplicate(logger, path);
            }

            var delay = response?.Headers.RetryAfter?.Delta
                ?? (response?.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromMilliseconds(200 * attempt * attempt));
            response?.Dispose();
            await Task.Delay(delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : delay, ct);
        }
    }

    private static bool ShouldRetry(HttpMethod method, HttpStatusCode status, bool retriedPost) =>
        status == HttpStatusCode.TooManyRequests
        || ((int)status >= 500 || status == HttpStatusCode.PreconditionFailed) && (method != HttpMethod.Post || !retriedPost);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Connector {Method} failed with HTTP {Status} ({ErrorCode})")]
    private static partial void LogFailed(ILogger logger, string method, int status, string? errorCode);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Connector {Method} to {Path} unreachable; given up for now")]
    private static partial void LogUnreachable(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Retrying a POST to {Path} after an ambiguous failure: the message may be delivered twice")]
    private static partial void LogPossibleDuplicate(ILogger logger, string path);
}
