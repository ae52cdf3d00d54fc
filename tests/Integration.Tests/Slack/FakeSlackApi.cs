using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Integration.Tests.Slack;

/// <summary>
/// One request the fake received. <see cref="Method"/> is the Web API method (<c>chat.postMessage</c>), or
/// <see cref="FakeSlackApi.FileDownload"/> / <see cref="FakeSlackApi.ResponseUrl"/>. <see cref="TeamId"/> is the
/// workspace the bearer token belongs to (null when unknown or missing); <see cref="TargetTeamId"/> the workspace of the
/// user or channel the call names, when the fake knows it, so a token of workspace A used on workspace B shows as
/// <see cref="IsCrossWorkspace"/>. <see cref="Status"/> and <see cref="Error"/> are what the fake answered.
/// </summary>
public sealed record SlackApiCall(
    string Method,
    string Path,
    string? Token,
    string? TeamId,
    string? TargetTeamId,
    string? ContentType,
    JsonObject? Json,
    IReadOnlyDictionary<string, string>? Form,
    DateTimeOffset At,
    int Status,
    string? Error)
{
    public bool IsCrossWorkspace => TeamId is not null && TargetTeamId is not null && TeamId != TargetTeamId;

    /// <summary>A top-level string argument, from the JSON body or the form fields.</summary>
    public string? Arg(string name) =>
        Json?[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s
        : Form is not null && Form.TryGetValue(name, out var f) ? f
        : null;
}

/// <summary>
/// A local stand-in for the Slack Web API on 127.0.0.1 (Kestrel, random port): workspaces with bot tokens, users,
/// channels and files; realistic default answers per method; scripted answers per method consumed in order before the
/// defaults; file downloads under <c>/files/…</c> (the HTML sign-in page, with 200, for a wrong token, like Slack);
/// response_url endpoints under <c>/response/{id}</c>. Records every request. Point
/// <c>SlackOptions.ApiBaseUrl</c> at <see cref="BaseUrl"/>.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    public const string FileDownload = "files.download";
    public const string ResponseUrl = "response_url";

    private const string SignInPage = "<!DOCTYPE html><html><head><title>Slack</title></head><body><h1>Sign in to your workspace</h1></body></html>";
    private const long FirstTsSeconds = 1763850000;

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<SlackApiCall> _calls = [];
    private readonly Dictionary<string, Queue<ScriptedResponse>> _script = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Workspace> _workspacesByToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revokedTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, User> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _channelTeams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _responseUrls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OAuthCode> _oauthCodes = new(StringComparer.Ordinal);
    private long _messages;
    private long _views;

    private FakeSlackApi(WebApplication app) => _app = app;

    /// <summary>The Web API base, <c>http://127.0.0.1:{port}/api/</c>: use as <c>SlackOptions.ApiBaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary><c>http://127.0.0.1:{port}</c>, without a trailing slash.</summary>
    public string Origin { get; private set; } = string.Empty;

    /// <summary>When set, oauth.v2.access checks the client credentials (<c>invalid_client_id</c>, <c>bad_client_secret</c>).</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>A snapshot of every request so far, in arrival order.</summary>
    public IReadOnlyList<SlackApiCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Calls that used one workspace's token on another workspace's user or channel.</summary>
    public IReadOnlyList<SlackApiCall> CrossWorkspaceCalls => [.. Calls.Where(c => c.IsCrossWorkspace)];

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackApi(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.Origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        fake.BaseUrl = fake.Origin + "/api/";
        return fake;
    }

    public IReadOnlyList<SlackApiCall> CallsTo(string method) => [.. Calls.Where(c => c.Method == method)];

    /// <summary>The bodies posted to one response_url.</summary>
    public IReadOnlyList<SlackApiCall> PostsTo(string responseUrl) =>
        [.. Calls.Where(c => c.Method == ResponseUrl && string.Equals(Origin + c.Path, responseUrl, StringComparison.Ordinal))];

    /// <summary>Waits until a recorded call matches (the bot calls asynchronously); throws with the calls seen on timeout.</summary>
    public async Task<SlackApiCall> WaitForAsync(Func<SlackApiCall, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Calls.FirstOrDefault(predicate) is { } call)
            {
                return call;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No matching Slack call. Seen: " + string.Join(", ", Calls.Select(c => $"{c.Method}({c.Status} {c.Error})")));
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits for the first call to a method.</summary>
    public Task<SlackApiCall> WaitForAsync(string method, TimeSpan? timeout = null) => WaitForAsync(c => c.Method == method, timeout);

    /// <summary>Waits until at least <paramref name="count"/> calls match.</summary>
    public async Task<IReadOnlyList<SlackApiCall>> WaitForCountAsync(Func<SlackApiCall, bool> predicate, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var matching = Calls.Where(predicate).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} matching Slack calls, saw {matching.Count}. Seen: " + string.Join(", ", Calls.Select(c => c.Method)));
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A workspace and its bot: the token authenticates calls; auth.test answers with these ids.</summary>
    public void AddWorkspace(string teamId, string botToken, string botUserId, string botId, string? teamName = null, string? enterpriseId = null)
    {
        lock (_lock)
        {
            var workspace = new Workspace(teamId, botToken, botUserId, botId, teamName ?? teamId + " workspace", enterpriseId);
            _workspaces[teamId] = workspace;
            _workspacesByToken[botToken] = workspace;
            _revokedTokens.Remove(botToken);
            _users[botUserId] = new User(teamId, botUserId, "compliance-bot", null, "Compliance OS", IsBot: true, Deleted: false);
        }
    }

    /// <summary>Later calls with the token answer <c>token_revoked</c> (an uninstalled app).</summary>
    public void RevokeToken(string botToken)
    {
        lock (_lock)
        {
            _revokedTokens.Add(botToken);
        }
    }

    public void AddUser(string teamId, string userId, string name, string? email, bool isBot = false, string? realName = null, bool deleted = false)
    {
        lock (_lock)
        {
            _users[userId] = new User(teamId, userId, name, email, realName ?? name, isBot, deleted);
        }
    }

    /// <summary>A channel of one workspace: posts to it with another workspace's token answer <c>channel_not_found</c>.</summary>
    public void AddChannel(string teamId, string channelId)
    {
        lock (_lock)
        {
            _channelTeams[channelId] = teamId;
        }
    }

    /// <summary>A file of one workspace; returns its <c>url_private_download</c>.</summary>
    public string AddFile(string teamId, string fileId, string name, string mimetype, byte[] content)
    {
        var path = $"/files/{teamId}/{fileId}/{Uri.EscapeDataString(name)}";
        lock (_lock)
        {
            _files[fileId] = new FakeFile(teamId, fileId, name, mimetype, content, path);
        }

        return Origin + path;
    }

    /// <summary>A new response_url on the fake; posts to it are recorded (with <paramref name="teamId"/> as their workspace).</summary>
    public string NewResponseUrl(string? teamId = null)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (_lock)
        {
            _responseUrls[id] = teamId;
        }

        return $"{Origin}/response/{id}";
    }

    /// <summary>
    /// An OAuth code that oauth.v2.access exchanges once for the workspace's bot token (the workspace must be added).
    /// A second exchange answers <c>invalid_code</c>.
    /// </summary>
    public void AddOAuthCode(string code, string teamId, string authedUserId, string scope = "chat:write,im:history,im:write,commands,users:read,users:read.email,files:read", string appId = "A0FAKEAPP1")
    {
        lock (_lock)
        {
            _oauthCodes[code] = new OAuthCode(teamId, authedUserId, scope, appId);
        }
    }

    /// <summary>The next call to <paramref name="method"/> gets this answer instead of the default (in order of enqueueing).</summary>
    public void Enqueue(string method, int status, string? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        lock (_lock)
        {
            if (!_script.TryGetValue(method, out var queue))
            {
                _script[method] = queue = new Queue<ScriptedResponse>();
            }

            queue.Enqueue(new ScriptedResponse(status, body, headers));
        }
    }

    public void Enqueue(string method, JsonObject body) => Enqueue(method, 200, body.ToJsonString());

    /// <summary>The next call to the method answers <c>{ok:false, error}</c> with HTTP 200, as Slack does.</summary>
    public void EnqueueError(string method, string error) => Enqueue(method, new JsonObject { ["ok"] = false, ["error"] = error });

    /// <summary>The next call to the method answers HTTP 429 with <c>Retry-After</c>.</summary>
    public void EnqueueRateLimit(string method, int retryAfterSeconds) =>
        Enqueue(method, 429, """{"ok":false,"error":"ratelimited"}""", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var at = DateTimeOffset.UtcNow;
        var path = ctx.Request.Path.Value ?? "/";
        var contentType = ctx.Request.ContentType;
        var (json, form) = await ReadBodyAsync(ctx.Request);
        var token = ctx.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..].Trim() : null;

        string method;
        Answer answer;
        string? teamId;
        string? targetTeam;
        lock (_lock)
        {
            teamId = token is not null && _workspacesByToken.TryGetValue(token, out var ws) ? ws.TeamId : null;
            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                method = path["/api/".Length..];
                var call = new Request(method, token, json, form);
                targetTeam = TargetTeam(call);
                answer = Scripted(method) ?? Answer.Json(Api(call));
            }
            else if (path.StartsWith("/files/", StringComparison.Ordinal))
            {
                method = FileDownload;
                var file = _files.Values.FirstOrDefault(f => f.Path == path);
                targetTeam = file?.TeamId;
                answer = Scripted(method) ?? Download(file, token);
            }
            else if (path.StartsWith("/response/", StringComparison.Ordinal))
            {
                method = ResponseUrl;
                var known = _responseUrls.TryGetValue(path["/response/".Length..], out var responseTeam);
                teamId = responseTeam;
                targetTeam = null;
                answer = Scripted(method) ?? (known ? new Answer(200, "text/plain", "ok", null) : new Answer(404, "text/plain", "no_service", null));
            }
            else
            {
                method = "unknown";
                targetTeam = null;
                answer = new Answer(404, "text/plain", "not found", null);
            }

            _calls.Add(new SlackApiCall(method, path, token, teamId, targetTeam, contentType, json, form, at, answer.Status, answer.Error));
        }

        ctx.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            ctx.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            ctx.Response.ContentType = answer.ContentType;
            await ctx.Response.Body.WriteAsync(answer.Body);
        }
    }

    private static async Task<(JsonObject? Json, IReadOnlyDictionary<string, string>? Form)> ReadBodyAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            return (null, form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true && text.Length > 0)
        {
            try
            {
                return (JsonNode.Parse(text) as JsonObject, null);
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        return (null, request.Query.Count > 0 ? request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal) : null);
    }

    private Answer? Scripted(string method)
    {
        if (!_script.TryGetValue(method, out var queue) || !queue.TryDequeue(out var scripted))
        {
            return null;
        }

        var isJson = scripted.Body?.TrimStart().StartsWith('{') == true;
        string? error = null;
        if (isJson && JsonNode.Parse(scripted.Body!) is JsonObject o && o["error"] is JsonValue e)
        {
            error = e.GetValue<string>();
        }

        return new Answer(scripted.Status, isJson ? "application/json; charset=utf-8" : "text/plain; charset=utf-8", scripted.Body, scripted.Headers) { Error = error ?? (scripted.Status >= 400 ? $"http_{scripted.Status}" : null) };
    }

    private string? TargetTeam(Request call)
    {
        foreach (var name in (string[])["user", "user_id", "users"])
        {
            if (call.Arg(name) is { } user && _users.TryGetValue(user.Split(',')[0], out var u))
            {
                return u.TeamId;
            }
        }

        return call.Arg("channel") is { } channel ? ChannelTeam(channel) : null;
    }

    private string? ChannelTeam(string channel) =>
        _channelTeams.TryGetValue(channel, out var team) ? team
        : channel.StartsWith('D') && _users.TryGetValue(channel[1..], out var user) ? user.TeamId
        : null;

    private JsonObject Api(Request call)
    {
        if (call.Method == "oauth.v2.access")
        {
            return OAuthAccess(call);
        }

        if (call.Token is null || !_workspacesByToken.TryGetValue(call.Token, out var ws))
        {
            return Error("invalid_auth");
        }

        if (_revokedTokens.Contains(call.Token))
        {
            return Error("token_revoked");
        }

        switch (call.Method)
        {
            case "auth.test":
                return Ok(new JsonObject
                {
                    ["url"] = $"https://{ws.TeamId.ToLowerInvariant()}.slack.com/",
                    ["team"] = ws.TeamName,
                    ["user"] = "compliance-bot",
                    ["team_id"] = ws.TeamId,
                    ["user_id"] = ws.BotUserId,
                    ["bot_id"] = ws.BotId,
                    ["is_enterprise_install"] = false,
                });

            case "chat.postMessage":
            {
                if (CheckChannel(call, ws) is { } channelError)
                {
                    return channelError;
                }

                if (call.Arg("text") is null && call.Json?["blocks"] is null)
                {
                    return Error("no_text");
                }

                var channel = call.Arg("channel")!;
                var ts = NextTs();
                return Ok(new JsonObject
                {
                    ["channel"] = channel,
                    ["ts"] = ts,
                    ["message"] = new JsonObject
                    {
                        ["type"] = "message",
                        ["user"] = ws.BotUserId,
                        ["bot_id"] = ws.BotId,
                        ["text"] = call.Arg("text"),
                        ["blocks"] = call.Json?["blocks"]?.DeepClone(),
                        ["ts"] = ts,
                        ["thread_ts"] = call.Arg("thread_ts"),
                    },
                });
            }

            case "chat.update":
                if (CheckChannel(call, ws) is { } updateError)
                {
                    return updateError;
                }

                return call.Arg("ts") is { } updated
                    ? Ok(new JsonObject { ["channel"] = call.Arg("channel"), ["ts"] = updated, ["text"] = call.Arg("text") })
                    : Error("message_not_found");

            case "chat.postEphemeral":
                if (CheckChannel(call, ws) is { } ephemeralError)
                {
                    return ephemeralError;
                }

                return KnownUser(call.Arg("user"), ws) is null ? Error("user_not_in_channel") : Ok(new JsonObject { ["message_ts"] = NextTs() });

            case "conversations.open":
            {
                var users = call.Arg("users")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
                if (users.Length == 0)
                {
                    return Error("users_list_not_supplied");
                }

                if (users.Any(u => KnownUser(u, ws) is null))
                {
                    return Error("user_not_found");
                }

                var id = users.Length == 1 ? "D" + users[0] : "G" + string.Concat(users);
                return Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = id } });
            }

            case "views.open":
                if (call.Arg("trigger_id") is null)
                {
                    return Error("invalid_trigger_id");
                }

                return call.Json?["view"] is JsonObject modal ? Ok(new JsonObject { ["view"] = View(modal, ws) }) : Error("invalid_arguments");

            case "views.publish":
                if (KnownUser(call.Arg("user_id"), ws) is null)
                {
                    return Error("user_not_found");
                }

                return call.Json?["view"] is JsonObject home ? Ok(new JsonObject { ["view"] = View(home, ws) }) : Error("invalid_arguments");

            case "users.info":
            {
                if (KnownUser(call.Arg("user"), ws) is not { } user)
                {
                    return Error("user_not_found");
                }

                return Ok(new JsonObject
                {
                    ["user"] = new JsonObject
                    {
                        ["id"] = user.Id,
                        ["team_id"] = user.TeamId,
                        ["name"] = user.Name,
                        ["deleted"] = user.Deleted,
                        ["real_name"] = user.RealName,
                        ["tz"] = "Asia/Kolkata",
                        ["is_admin"] = false,
                        ["is_bot"] = user.IsBot,
                        ["profile"] = new JsonObject
                        {
                            ["real_name"] = user.RealName,
                            ["display_name"] = user.Name,
                            ["email"] = user.Email,
                        },
                    },
                });
            }

            case "files.info":
            {
                if (call.Arg("file") is not { } fileId || !_files.TryGetValue(fileId, out var file) || file.TeamId != ws.TeamId)
                {
                    return Error("file_not_found");
                }

                return Ok(new JsonObject
                {
                    ["file"] = new JsonObject
                    {
                        ["id"] = file.Id,
                        ["name"] = file.Name,
                        ["title"] = file.Name,
                        ["mimetype"] = file.Mimetype,
                        ["size"] = file.Content.Length,
                        ["url_private"] = Origin + file.Path,
                        ["url_private_download"] = Origin + file.Path,
                    },
                });
            }

            default:
                return Error("unknown_method");
        }
    }

    private JsonObject OAuthAccess(Request call)
    {
        if (ClientId is not null && call.Arg("client_id") != ClientId)
        {
            return Error("invalid_client_id");
        }

        if (ClientSecret is not null && call.Arg("client_secret") != ClientSecret)
        {
            return Error("bad_client_secret");
        }

        if (call.Arg("code") is not { } code || !_oauthCodes.Remove(code, out var grant) || !_workspaces.TryGetValue(grant.TeamId, out var ws))
        {
            return Error("invalid_code");
        }

        return Ok(new JsonObject
        {
            ["app_id"] = grant.AppId,
            ["authed_user"] = new JsonObject { ["id"] = grant.AuthedUserId },
            ["scope"] = grant.Scope,
            ["token_type"] = "bot",
            ["access_token"] = ws.BotToken,
            ["bot_user_id"] = ws.BotUserId,
            ["team"] = new JsonObject { ["id"] = ws.TeamId, ["name"] = ws.TeamName },
            ["enterprise"] = ws.EnterpriseId is null ? null : new JsonObject { ["id"] = ws.EnterpriseId },
            ["is_enterprise_install"] = false,
        });
    }

    private Answer Download(FakeFile? file, string? token)
    {
        // Slack answers a missing or wrong token (or one without files:read) with its sign-in page and HTTP 200.
        if (file is null || token is null || !_workspacesByToken.TryGetValue(token, out var ws) || ws.TeamId != file.TeamId || _revokedTokens.Contains(token))
        {
            return new Answer(200, "text/html; charset=utf-8", SignInPage, null) { Error = "sign_in_page" };
        }

        return new Answer(200, file.Mimetype, file.Content, null);
    }

    private JsonObject? CheckChannel(Request call, Workspace ws)
    {
        if (call.Arg("channel") is not { } channel)
        {
            return Error("channel_not_found");
        }

        return ChannelTeam(channel) is { } team && team != ws.TeamId ? Error("channel_not_found") : null;
    }

    private User? KnownUser(string? userId, Workspace ws) =>
        userId is not null && _users.TryGetValue(userId, out var user) && user.TeamId == ws.TeamId ? user : null;

    private JsonObject View(JsonObject view, Workspace ws)
    {
        var copy = (JsonObject)view.DeepClone();
        copy["id"] = $"V{Interlocked.Increment(ref _views):D9}";
        copy["team_id"] = ws.TeamId;
        copy["hash"] = $"{FirstTsSeconds}.{_views:D8}";
        return copy;
    }

    private string NextTs()
    {
        var n = Interlocked.Increment(ref _messages);
        return string.Create(CultureInfo.InvariantCulture, $"{FirstTsSeconds + (n / 10000)}.{n % 10000 * 100:D6}");
    }

    private static JsonObject Ok(JsonObject body)
    {
        var result = new JsonObject { ["ok"] = true };
        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            result[name] = value;
        }

        return result;
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };

    private sealed record Request(string Method, string? Token, JsonObject? Json, IReadOnlyDictionary<string, string>? Form)
    {
        public string? Arg(string name) =>
            Json?[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s
            : Form is not null && Form.TryGetValue(name, out var f) ? f
            : null;
    }

    private sealed record Answer(int Status, string ContentType, byte[]? Body, IReadOnlyDictionary<string, string>? Headers)
    {
        public Answer(int status, string contentType, string? body, IReadOnlyDictionary<string, string>? headers)
            : this(status, contentType, body is null ? null : Encoding.UTF8.GetBytes(body), headers)
        {
        }

        public string? Error { get; init; }

        public static Answer Json(JsonObject body) =>
            new(200, "application/json; charset=utf-8", body.ToJsonString(), null) { Error = body["ok"]?.GetValue<bool>() == false ? body["error"]?.GetValue<string>() : null };
    }

    private sealed record ScriptedResponse(int Status, string? Body, IReadOnlyDictionary<string, string>? Headers);

    private sealed record Workspace(string TeamId, string BotToken, string BotUserId, string BotId, string TeamName, string? EnterpriseId);

    private sealed record User(string TeamId, string Id, string Name, string? Email, string RealName, bool IsBot, bool Deleted);

    private sealed record FakeFile(string TeamId, string Id, string Name, string Mimetype, byte[] Content, string Path);

    private sealed record OAuthCode(string TeamId, string AuthedUserId, string Scope, string AppId);
}
