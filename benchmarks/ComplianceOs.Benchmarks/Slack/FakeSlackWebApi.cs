using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Benchmarks.Slack;

/// <summary>
/// The Slack Web API both apps answer through: <c>auth.test</c>, <c>chat.postMessage</c> and, should either app ask,
/// <c>conversations.open</c> and <c>users.info</c>. Every call must carry the workspace's bot token. Each
/// <c>chat.postMessage</c> is matched to the oldest unanswered event sent into that DM, so the benchmark knows how long
/// each answer took and that every event was answered exactly once.
/// </summary>
public sealed class FakeSlackWebApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _postsByChannel = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<long> _answerTicks = [];
    private long _posts;
    private long _unmatched;
    private long _badToken;
    private long _otherCalls;

    private FakeSlackWebApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public long Posts => Interlocked.Read(ref _posts);

    /// <summary>Posts into a DM with no event waiting for an answer: an event answered twice (or a stray message).</summary>
    public long Unmatched => Interlocked.Read(ref _unmatched);

    public long BadToken => Interlocked.Read(ref _badToken);

    public long OtherCalls => Interlocked.Read(ref _otherCalls);

    public static async Task<FakeSlackWebApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new FakeSlackWebApi(app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        api.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/api/";
        return api;
    }

    /// <summary>The load generator calls this just before it sends an event into <paramref name="channel"/>.</summary>
    public void Expect(string channel, long sentAt) => _waiting.GetOrAdd(channel, _ => new ConcurrentQueue<long>()).Enqueue(sentAt);

    /// <summary>Starts an app's run: answers counted per DM and stray posts start from zero.</summary>
    public void BeginRun()
    {
        _postsByChannel.Clear();
        Interlocked.Exchange(ref _unmatched, 0);
    }

    /// <summary>Starts a new measuring window: answer times recorded so far are dropped (the warm-up's).</summary>
    public void ResetAnswerTimes() => _answerTicks.Clear();

    public long[] AnswerTicks => [.. _answerTicks];

    /// <summary>Events sent but not answered yet.</summary>
    public long Outstanding => _waiting.Values.Sum(q => (long)q.Count);

    /// <summary>DMs whose number of answers differs from the number of events sent into them (after a drain).</summary>
    public int ChannelsNotAnsweredExactlyOnce(IReadOnlyDictionary<string, int> sent) =>
        sent.Count(s => _postsByChannel.GetValueOrDefault(s.Key) != s.Value) + _postsByChannel.Keys.Count(k => !sent.ContainsKey(k));

    private async Task HandleAsync(HttpContext http)
    {
        var method = (http.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        var fields = await ReadFieldsAsync(http.Request);
        var token = http.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal)
            ? auth["Bearer ".Length..]
            : fields.GetValueOrDefault("token");
        http.Response.ContentType = "application/json; charset=utf-8";
        if (token != SlackWorld.BotToken)
        {
            Interlocked.Increment(ref _badToken);
            await http.Response.WriteAsync("{\"ok\":false,\"error\":\"invalid_auth\"}");
            return;
        }

        switch (method)
        {
            case "chat.postMessage":
                var channel = fields.GetValueOrDefault("channel") ?? string.Empty;
                var now = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _posts);
                _postsByChannel.AddOrUpdate(channel, 1, (_, n) => n + 1);
                if (_waiting.TryGetValue(channel, out var queue) && queue.TryDequeue(out var sentAt))
                {
                    _answerTicks.Add(now - sentAt);
                }
                else
                {
                    Interlocked.Increment(ref _unmatched);
                }

                await http.Response.WriteAsync($"{{\"ok\":true,\"channel\":\"{channel}\",\"ts\":\"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000d:0.000000}\"}}");
                return;
            case "auth.test":
                await http.Response.WriteAsync($"{{\"ok\":true,\"team_id\":\"{SlackWorld.TeamId}\",\"user_id\":\"{SlackWorld.BotUserId}\",\"bot_id\":\"{SlackWorld.BotId}\"}}");
                return;
            case "conversations.open":
                Interlocked.Increment(ref _otherCalls);
                var user = fields.GetValueOrDefault("users") ?? string.Empty;
                await http.Response.WriteAsync($"{{\"ok\":true,\"channel\":{{\"id\":\"D{user.TrimStart('U')}\"}}}}");
                return;
            default:
                Interlocked.Increment(ref _otherCalls);
                await http.Response.WriteAsync("{\"ok\":false,\"error\":\"unknown_method\"}");
                return;
        }
    }

    /// <summary>Our client sends JSON; Bolt's WebClient sends a form. Either way: the top-level string fields.</summary>
    private static async Task<Dictionary<string, string>> ReadFieldsAsync(HttpRequest request)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var (k, v) in await request.ReadFormAsync())
            {
                fields[k] = v.ToString();
            }

            return fields;
        }

        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var doc = await JsonDocument.ParseAsync(request.Body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.String)
                    {
                        fields[p.Name] = p.Value.GetString()!;
                    }
                }
            }
        }
        else
        {
            foreach (var (k, v) in request.Query)
            {
                fields[k] = v.ToString();
            }
        }

        return fields;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
