using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Slack.Api;

/// <summary>
/// Calls the Slack Web API (<see cref="SlackOptions.ApiBaseUrl"/>) with the bot token of one workspace, given on
/// every call; which token belongs to which workspace is the token store's business. Guarantees:
/// <list type="bullet">
/// <item>Success is Slack's <c>ok</c> flag; <c>ok:false</c> is a failed <see cref="SlackApiResult"/> carrying Slack's
/// error code, never an exception. Only cancellation throws.</item>
/// <item>HTTP 429 pauses that workspace and method for <c>Retry-After</c> seconds, then retries (3 attempts in all);
/// a pause longer than 30 s is not waited out inline: the call answers <c>rate_limited</c> for the caller to retry later.</item>
/// <item>5xx and lost connections are retried (200 ms, 800 ms) only for methods that are safe to repeat
/// (<see cref="SlackApiMethods.IsSafeToRepeat"/>): never chat.postMessage, chat.postEphemeral, views.open, oauth.v2.access
/// or response_url posts, which could act twice.</item>
/// <item>At most one chat.postMessage per second per workspace and channel: later posts wait for their slot.</item>
/// <item>Tokens, client secrets, response URLs and payloads are never logged; logs carry the method, channel or user
/// ids and error codes.</item>
/// </list>
/// </summary>
public sealed partial class SlackApiClient
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(800)];
    private static readonly TimeSpan MaxInlineRateLimitWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MessageInterval = TimeSpan.FromSeconds(1);
    private static readonly string[] TargetFields = ["channel", "user", "users", "user_id", "file"];

    private readonly HttpClient _http;
    private readonly Uri _apiBase;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackApiClient> _logger;
    private readonly SlackRateLimits _limits;

    /// <param name="limits">Rate-limit state; registered as a singleton by <see cref="SlackApiModule.AddSlackApi"/> so that
    /// every (transient) client shares it. Without one the client keeps its own.</param>
    public SlackApiClient(HttpClient http, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackApiClient> logger, SlackRateLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.Value.ApiBaseUrl;
        _apiBase = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        _http = http;
        _time = time;
        _logger = logger;
        _limits = limits ?? new SlackRateLimits();
    }

    /// <summary>Posts a message (chat.postMessage); waits for the channel's one-per-second slot first. Not retried on 5xx.</summary>
    public async Task<SlackApiResult<SlackMessageRef>> PostMessageAsync(string token, string channel, string text, JsonArray? blocks = null, string? threadTs = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var body = new JsonObject { ["channel"] = channel, ["text"] = text };
        AddBlocks(body, blocks);
        if (!string.IsNullOrEmpty(threadTs))
        {
            body["thread_ts"] = threadTs;
        }

        var wait = _limits.ReserveSlot(Key(token, channel), _time.GetUtcNow(), MessageInterval);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, ct);
        }

        var result = await CallAsync(token, SlackApiMethods.ChatPostMessage, body, ct);
        return result.Map(b => String(b, "ts") is { } ts ? new SlackMessageRef(String(b, "channel") ?? channel, ts) : null);
    }

    /// <summary>Replaces a message's text and blocks (chat.update).</summary>
    public async Task<SlackApiResult<SlackMessageRef>> UpdateAsync(string token, string channel, string ts, string text, JsonArray? blocks = null, CancellationToken ct = default)
    {
        var body = new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = text };
        AddBlocks(body, blocks);
        var result = await CallAsync(token, SlackApiMethods.ChatUpdate, body, ct);
        return result.Map(b => new SlackMessageRef(String(b, "channel") ?? channel, String(b, "ts") ?? ts));
    }

    /// <summary>Shows a message to one user in a channel (chat.postEphemeral); the result's ts is Slack's <c>message_ts</c>.</summary>
    public async Task<SlackApiResult<SlackMessageRef>> PostEphemeralAsync(string token, string channel, string user, string text, JsonArray? blocks = null, CancellationToken ct = default)
    {
        var body = new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = text };
        AddBlocks(body, blocks);
        var result = await CallAsync(token, SlackApiMethods.ChatPostEphemeral, body, ct);
        return result.Map(b => String(b, "message_ts") is { } ts ? new SlackMessageRef(channel, ts) : null);
    }

    /// <summary>Opens (or resumes) the DM with a user (conversations.open); the value is the DM channel id.</summary>
    public async Task<SlackApiResult<string>> OpenConversationAsync(string token, string userId, CancellationToken ct = default)
    {
        var result = await CallAsync(token, SlackApiMethods.ConversationsOpen, new JsonObject { ["users"] = userId }, ct);
        return result.Map(b => b.TryGetProperty("channel", out var channel) ? String(channel, "id") : null);
    }

    /// <summary>Opens a modal (views.open); the value is the view id. Call within 3 s of the interaction; not retried.</summary>
    public async Task<SlackApiResult<string>> OpenViewAsync(string token, string triggerId, JsonObject view, CancellationToken ct = default)
    {
        var result = await CallAsync(token, SlackApiMethods.ViewsOpen, new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }, ct);
        return result.Map(ViewId);
    }

    /// <summary>Publishes a user's App Home tab (views.publish); the value is the view id.</summary>
    public async Task<SlackApiResult<string>> PublishHomeAsync(string token, string userId, JsonObject view, CancellationToken ct = default)
    {
        var result = await CallAsync(token, SlackApiMethods.ViewsPublish, new JsonObject { ["user_id"] = userId, ["view"] = view.DeepClone() }, ct);
        return result.Map(ViewId);
    }

    /// <summary>Reads a user (users.info); the email needs <c>users:read.email</c>.</summary>
    public async Task<SlackApiResult<SlackUser>> UserInfoAsync(string token, string userId, CancellationToken ct = default)
    {
        var result = await CallAsync(token, SlackApiMethods.UsersInfo, new JsonObject { ["user"] = userId }, ct);
        return result.Map(b =>
        {
            if (!b.TryGetProperty("user", out var user) || String(user, "id") is not { } id)
            {
                return null;
            }

            var profile = user.TryGetProperty("profile", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            return new SlackUser(
                id,
                String(user, "team_id"),
                String(user, "name"),
                String(user, "real_name") ?? String(profile, "real_name"),
                String(profile, "email"),
                Bool(user, "is_bot"),
                Bool(user, "deleted"));
        });
    }

    /// <summary>Who the token is (auth.test): team, bot user and bot id.</summary>
    public async Task<SlackApiResult<SlackAuthIdentity>> AuthTestAsync(string token, CancellationToken ct = default)
    {
        var result = await CallAsync(token, SlackApiMethods.AuthTest, new JsonObject(), ct);
        return result.Map(b => String(b, "team_id") is { } team && String(b, "user_id") is { } user
            ? new SlackAuthIdentity(team, user, String(b, "bot_id"))
            : null);
    }

    /// <summary>Reads a file's metadata (files.info, scope <c>files:read</c>).</summary>
    public async Task<SlackApiResult<SlackFile>> FileInfoAsync(string token, string fileId, CancellationToken ct = default)
    {
        var result = await CallAsync(token, SlackApiMethods.FilesInfo, new JsonObject { ["file"] = fileId }, ct);
        return result.Map(b =>
        {
            if (!b.TryGetProperty("file", out var file) || String(file, "id") is not { } id)
            {
                return null;
            }

            var size = file.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : 0;
            return new SlackFile(id, String(file, "name"), String(file, "mimetype"), size, String(file, "url_private_download"));
        });
    }

    /// <summary>
    /// Downloads a file's bytes (GET <c>url_private_download</c> with the bearer token). The token goes only to Slack
    /// hosts (https, <c>slack.com</c> and its subdomains) or the configured API host; anything else is
    /// <see cref="SlackApiErrors.UntrustedUrl"/> without a request. An HTML answer is Slack's sign-in page (the token
    /// lacks <c>files:read</c>): <see cref="SlackApiErrors.NotAFile"/>, never the page. More than
    /// <paramref name="maxBytes"/> is <see cref="SlackApiErrors.TooLarge"/>.
    /// </summary>
    public async Task<SlackApiResult<byte[]>> DownloadFileAsync(string token, string url, long maxBytes, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IsTrustedFileHost(uri))
        {
            LogDownloadRefused(_logger, SlackApiErrors.UntrustedUrl);
            return SlackApiResult<byte[]>.Failure(SlackApiErrors.UntrustedUrl);
        }

        var (response, error) = await SendAsync(
            SlackApiMethods.FileDownload,
            RateLimitKey(TokenFingerprint(token), SlackApiMethods.FileDownload),
            target: null,
            () => WithBearer(new HttpRequestMessage(HttpMethod.Get, uri), token),
            HttpCompletionOption.ResponseHeadersRead,
            ct);
        if (response is null)
        {
            return SlackApiResult<byte[]>.Failure(error!);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                LogHttpFailure(_logger, SlackApiMethods.FileDownload, null, (int)response.StatusCode);
                return SlackApiResult<byte[]>.Failure(SlackApiErrors.Http((int)response.StatusCode));
            }

            if (string.Equals(response.Content.Headers.ContentType?.MediaType, "text/html", StringComparison.OrdinalIgnoreCase))
            {
                LogDownloadRefused(_logger, SlackApiErrors.NotAFile);
                return SlackApiResult<byte[]>.Failure(SlackApiErrors.NotAFile);
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                LogDownloadRefused(_logger, SlackApiErrors.TooLarge);
                return SlackApiResult<byte[]>.Failure(SlackApiErrors.TooLarge);
            }

            var bytes = await ReadAtMostAsync(response.Content, maxBytes, ct);
            if (bytes is null)
            {
                LogDownloadRefused(_logger, SlackApiErrors.TooLarge);
                return SlackApiResult<byte[]>.Failure(SlackApiErrors.TooLarge);
            }

            return SlackApiResult<byte[]>.Success(bytes);
        }
    }

    /// <summary>
    /// Opens a file's bytes as a stream (GET <c>url_private_download</c> with the bearer token), for callers that
    /// enforce their own size limit while reading (the evidence vault). Same host and HTML checks as
    /// <see cref="DownloadFileAsync"/>; the stream owns the response.
    /// </summary>
    public async Task<SlackApiResult<Stream>> OpenFileAsync(string token, string url, CancellationToken ct = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IsTrustedFileHost(uri))
        {
            LogDownloadRefused(_logger, SlackApiErrors.UntrustedUrl);
            return SlackApiResult<Stream>.Failure(SlackApiErrors.UntrustedUrl);
        }

        var (response, error) = await SendAsync(
            SlackApiMethods.FileDownload,
            RateLimitKey(TokenFingerprint(token), SlackApiMethods.FileDownload),
            target: null,
            () => WithBearer(new HttpRequestMessage(HttpMethod.Get, uri), token),
            HttpCompletionOption.ResponseHeadersRead,
            ct);
        if (response is null)
        {
            return SlackApiResult<Stream>.Failure(error!);
        }

        if (!response.IsSuccessStatusCode)
        {
            LogHttpFailure(_logger, SlackApiMethods.FileDownload, null, (int)response.StatusCode);
            response.Dispose();
            return SlackApiResult<Stream>.Failure(SlackApiErrors.Http((int)response.StatusCode));
        }

        if (string.Equals(response.Content.Headers.ContentType?.MediaType, "text/html", StringComparison.OrdinalIgnoreCase))
        {
            LogDownloadRefused(_logger, SlackApiErrors.NotAFile);
            response.Dispose();
            return SlackApiResult<Stream>.Failure(SlackApiErrors.NotAFile);
        }

        return SlackApiResult<Stream>.Success(new Conversation.Evidence.ResponseStream(response, await response.Content.ReadAsStreamAsync(ct)));
    }

    /// <summary>
    /// Exchanges an install's OAuth code for the workspace's bot token (oauth.v2.access, form-encoded client
    /// credentials, no bearer). The code is single-use, so a 5xx or lost connection is not retried.
    /// </summary>
    public async Task<SlackOAuthAccess> OAuthAccessAsync(string clientId, string clientSecret, string code, string? redirectUri, CancellationToken ct = default)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("client_id", clientId),
            new("client_secret", clientSecret),
            new("code", code),
        };
        if (!string.IsNullOrEmpty(redirectUri))
        {
            fields.Add(new("redirect_uri", redirectUri));
        }

        var uri = MethodUri(SlackApiMethods.OAuthV2Access);
        var result = await ExecuteAsync(
            SlackApiMethods.OAuthV2Access,
            RateLimitKey("client:" + clientId, SlackApiMethods.OAuthV2Access),
            target: null,
            () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(fields) },
            ct);
        if (!result.Ok)
        {
            return SlackOAuthAccess.Failure(result.Error ?? SlackApiErrors.InvalidResponse);
        }

        var b = result.Body;
        var team = b.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
        var enterprise = b.TryGetProperty("enterprise", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        var authedUser = b.TryGetProperty("authed_user", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        var access = new SlackOAuthAccess(
            true,
            null,
            String(b, "access_token"),
            String(b, "bot_user_id"),
            String(b, "app_id"),
            String(team, "id"),
            String(team, "name"),
            String(enterprise, "id"),
            Bool(b, "is_enterprise_install"),
            String(b, "scope"),
            String(authedUser, "id"));
        return access.AccessToken is null ? SlackOAuthAccess.Failure(SlackApiErrors.InvalidResponse) : access;
    }

    /// <summary>
    /// Posts a message body to an interaction's or slash command's <c>response_url</c> (no token). Slack answers 2xx
    /// with <c>ok</c> text or JSON; any 2xx is success. Never retried: a response_url allows only a few uses, and a
    /// lost answer may already have been shown.
    /// </summary>
    public async Task<SlackApiResult> PostToResponseUrlAsync(string responseUrl, JsonObject body, CancellationToken ct = default)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return SlackApiResult.Failure(SlackApiErrors.InvalidUrl);
        }

        var json = body.ToJsonString();
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonBody(json) };
            response = await _http.SendAsync(request, ct);
        }
        catch (Exception ex) when (IsNetworkFailure(ex, ct))
        {
            LogUnreachable(_logger, SlackApiMethods.ResponseUrl, null, Reason(ex));
            return SlackApiResult.Failure(SlackApiErrors.Network);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var parsed = TryParse(text);
            if (response.IsSuccessStatusCode)
            {
                return new SlackApiResult(true, null, parsed ?? default);
            }

            // Slack names the problem in the body, as JSON or a bare code ("expired_url", "used_url", "invalid_blocks").
            var code = parsed is { ValueKind: JsonValueKind.Object } p && String(p, "error") is { } e ? e
                : text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterLower(c) || c == '_') ? text
                : SlackApiErrors.Http((int)response.StatusCode);
            LogSlackError(_logger, SlackApiMethods.ResponseUrl, null, code);
            return new SlackApiResult(false, code, parsed ?? default);
        }
    }

    /// <summary>
    /// Calls any Web API method with a JSON body and the workspace's bot token: the typed methods' building block, also
    /// for methods without one. Retries on 5xx only when <see cref="SlackApiMethods.IsSafeToRepeat"/>.
    /// </summary>
    public Task<SlackApiResult> CallAsync(string token, string method, JsonObject body, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(body);
        var uri = MethodUri(method);
        var json = body.ToJsonString();
        var target = Target(body);
        return ExecuteAsync(
            method,
            RateLimitKey(TokenFingerprint(token), method),
            target,
            () => WithBearer(new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonBody(json) }, token),
            ct);
    }

    private async Task<SlackApiResult> ExecuteAsync(string method, string pauseKey, string? target, Func<HttpRequestMessage> createRequest, CancellationToken ct)
    {
        var (response, error) = await SendAsync(method, pauseKey, target, createRequest, HttpCompletionOption.ResponseContentRead, ct);
        if (response is null)
        {
            return SlackApiResult.Failure(error!);
        }

        using (response)
        {
            if ((int)response.StatusCode >= 500)
            {
                // A transport failure whatever the body says: the caller may try again later.
                LogHttpFailure(_logger, method, target, (int)response.StatusCode);
                return SlackApiResult.Failure(SlackApiErrors.Http((int)response.StatusCode));
            }

            var parsed = TryParse(await response.Content.ReadAsStringAsync(ct));
            if (parsed is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("ok", out var ok) || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                if (!response.IsSuccessStatusCode)
                {
                    LogHttpFailure(_logger, method, target, (int)response.StatusCode);
                    return SlackApiResult.Failure(SlackApiErrors.Http((int)response.StatusCode));
                }

                LogInvalidResponse(_logger, method, target, (int)response.StatusCode);
                return SlackApiResult.Failure(SlackApiErrors.InvalidResponse);
            }

            if (ok.ValueKind == JsonValueKind.True)
            {
                return new SlackApiResult(true, null, body);
            }

            var code = String(body, "error") ?? SlackApiErrors.InvalidResponse;
            LogSlackError(_logger, method, target, code);
            return new SlackApiResult(false, code, body);
        }
    }

    /// <summary>
    /// Sends with the retry rules: waits out a pause on <paramref name="pauseKey"/>; on 429 pauses the key for
    /// Retry-After and tries again; on 5xx or no answer tries again only for methods safe to repeat. Returns the
    /// final response (any status but 429, and 5xx only when retries are spent or not allowed), or an error code.
    /// </summary>
    private async Task<(HttpResponseMessage? Response, string? Error)> SendAsync(
        string method, string pauseKey, string? target, Func<HttpRequestMessage> createRequest, HttpCompletionOption completion, CancellationToken ct)
    {
        var repeatable = SlackApiMethods.IsSafeToRepeat(method);
        for (var attempt = 1; ; attempt++)
        {
            var paused = _limits.PausedFor(pauseKey, _time.GetUtcNow());
            if (paused > MaxInlineRateLimitWait)
            {
                LogRateLimitedGivenUp(_logger, method, target);
                return (null, SlackApiErrors.RateLimited);
            }

            if (paused > TimeSpan.Zero)
            {
                await Task.Delay(paused, _time, ct);
            }

            HttpResponseMessage? response = null;
            string? failure = null;
            using (var request = createRequest())
            {
                try
                {
                    response = await _http.SendAsync(request, completion, ct);
                }
                catch (Exception ex) when (IsNetworkFailure(ex, ct))
                {
                    failure = Reason(ex);
                }
            }

            if (response is null)
            {
                if (!repeatable || attempt >= MaxAttempts)
                {
                    LogUnreachable(_logger, method, target, failure!);
                    return (null, SlackApiErrors.Network);
                }

                LogRetrying(_logger, method, target, failure!, attempt);
                await Task.Delay(Backoff[attempt - 1], _time, ct);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = RetryAfter(response);
                response.Dispose();
                _limits.Pause(pauseKey, _time.GetUtcNow() + retryAfter, _time.GetUtcNow());
                if (attempt >= MaxAttempts)
                {
                    LogRateLimitedGivenUp(_logger, method, target);
                    return (null, SlackApiErrors.RateLimited);
                }

                LogRateLimited(_logger, method, target, retryAfter.TotalSeconds, attempt);
                continue;
            }

            if ((int)response.StatusCode >= 500 && repeatable && attempt < MaxAttempts)
            {
                LogRetrying(_logger, method, target, SlackApiErrors.Http((int)response.StatusCode), attempt);
                response.Dispose();
                await Task.Delay(Backoff[attempt - 1], _time, ct);
                continue;
            }

            return (response, null);
        }
    }

    private Uri MethodUri(string method) => new(_apiBase, method);

    private bool IsTrustedFileHost(Uri uri) =>
        (uri.Scheme == Uri.UriSchemeHttps && (uri.Host.Equals("slack.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".slack.com", StringComparison.OrdinalIgnoreCase)))
        || (uri.Scheme == _apiBase.Scheme && string.Equals(uri.Authority, _apiBase.Authority, StringComparison.OrdinalIgnoreCase));

    private static HttpRequestMessage WithBearer(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Content-Type <c>application/json; charset=utf-8</c>, which Slack requires for JSON bodies.</summary>
    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static void AddBlocks(JsonObject body, JsonArray? blocks)
    {
        if (blocks is not null)
        {
            // A copy: the caller's array may belong to another document (a node has one parent).
            body["blocks"] = blocks.DeepClone();
        }
    }

    private static string? ViewId(JsonElement body) => body.TryGetProperty("view", out var view) ? String(view, "id") : null;

    /// <summary>The channel or user a call is about, for logs (ids only).</summary>
    private static string? Target(JsonObject body)
    {
        foreach (var name in TargetFields)
        {
            if (body[name] is JsonValue value && value.TryGetValue<string>(out var id))
            {
                return id;
            }
        }

        return null;
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : DefaultRetryAfter);
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    private static async Task<byte[]?> ReadAtMostAsync(HttpContent content, long maxBytes, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static JsonElement? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<JsonElement>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsNetworkFailure(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException || (ex is TaskCanceledException or OperationCanceledException && !ct.IsCancellationRequested);

    private static string Reason(Exception ex) => ex is HttpRequestException http ? $"network ({http.HttpRequestError})" : "timeout";

    private static string RateLimitKey(string workspace, string method) => workspace + "|" + method;

    private static string Key(string token, string channel) => TokenFingerprint(token) + "|#" + channel;

    /// <summary>A short SHA-256 of the token: keys the workspace's rate limits without keeping the token itself.</summary>
    private static string TokenFingerprint(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)), 0, 16);

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Slack {Method} ({Target}) answered ok:false: {Error}")]
    private static partial void LogSlackError(ILogger logger, string method, string? target, string error);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Slack {Method} ({Target}) rate limited; paused for {Seconds} s (attempt {Attempt})")]
    private static partial void LogRateLimited(ILogger logger, string method, string? target, double seconds, int attempt);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Slack {Method} ({Target}) still rate limited; given up for now")]
    private static partial void LogRateLimitedGivenUp(ILogger logger, string method, string? target);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Warning, Message = "Slack {Method} ({Target}) failed with {Failure}; retrying (attempt {Attempt})")]
    private static partial void LogRetrying(ILogger logger, string method, string? target, string failure, int attempt);

    [LoggerMessage(EventId = 5305, Level = LogLevel.Warning, Message = "Slack {Method} ({Target}) failed with HTTP {Status}")]
    private static partial void LogHttpFailure(ILogger logger, string method, string? target, int status);

    [LoggerMessage(EventId = 5306, Level = LogLevel.Warning, Message = "Slack {Method} ({Target}) unreachable: {Failure}")]
    private static partial void LogUnreachable(ILogger logger, string method, string? target, string failure);

    [LoggerMessage(EventId = 5307, Level = LogLevel.Warning, Message = "Slack {Method} ({Target}) gave an answer that is not a Slack response (HTTP {Status})")]
    private static partial void LogInvalidResponse(ILogger logger, string method, string? target, int status);

    [LoggerMessage(EventId = 5308, Level = LogLevel.Warning, Message = "Slack file download refused: {Error}")]
    private static partial void LogDownloadRefused(ILogger logger, string error);
}
