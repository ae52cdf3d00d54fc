using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ComplianceOs.Benchmarks.Conversation;

/// <summary>What one run measured.</summary>
public sealed record LoadResult(string Label, int Conversations, TimeSpan Measured, long Turns, long Errors, IReadOnlyDictionary<string, long[]> LatencyTicksByKind, TimeSpan BotCpu)
{
    public double TurnsPerSecond => Turns / Measured.TotalSeconds;

    public IEnumerable<long> AllTicks => LatencyTicksByKind.Values.SelectMany(t => t);

    public static double Percentile(IEnumerable<long> ticks, double p)
    {
        var sorted = ticks.OrderBy(t => t).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100d * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000d / Stopwatch.Frequency;
    }
}

/// <summary>
/// Drives N concurrent Teams conversations against a bot's <c>/api/messages</c>, each turn a POST whose response
/// comes after the bot has replied through the connector (the Bot Framework's contract), so the round trip is the
/// turn. Owners cycle "my tasks", "status …", then Start and Submit from the card (Action.Execute invokes) on an
/// open obligation of theirs; approvers approve what was submitted to them, and otherwise ask for their tasks.
/// With <c>messagesOnly</c> every turn is sent as a message with the same text (what an echo bot can answer).
/// </summary>
public sealed class LoadGenerator(string botUrl, string serviceUrl, IReadOnlyList<BenchPerson> people, bool messagesOnly)
{
    private readonly ConcurrentQueue<(Guid Id, int Version)>[] _toApprove =
        Enumerable.Range(0, Math.Max(1, people.Count(p => p.IsApprover))).Select(_ => new ConcurrentQueue<(Guid, int)>()).ToArray();

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1024,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        UseProxy = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private long _sequence;

    /// <summary>Every person says hi once, so the bot knows their conversation (not measured).</summary>
    public async Task GreetAsync()
    {
        await Task.WhenAll(people.Select(p => TurnAsync(p, "message", "hi", null, CancellationToken.None)));
    }

    public async Task<LoadResult> RunAsync(string label, TimeSpan warmup, TimeSpan measure, Func<TimeSpan> botCpu)
    {
        var kinds = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        long turns = 0, errors = 0;
        var measuring = 0;
        using var stop = new CancellationTokenSource();
        var workers = people.Select((p, index) => Task.Run(async () =>
        {
            var work = 0;
            var step = index % 4;
            while (!stop.IsCancellationRequested)
            {
                var (kind, text, action) = Next(p, ref work, ref step);
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await TurnAsync(p, action is null || messagesOnly ? "message" : "invoke", text, action, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                var elapsed = Stopwatch.GetTimestamp() - started;
                if (ok && action is { Verb: "submit" } submitted && !messagesOnly)
                {
                    // Only what was really submitted reaches the approver.
                    _toApprove[p.ApproverIndex].Enqueue((submitted.Id, submitted.Version + 1));
                }

                if (Volatile.Read(ref measuring) == 1)
                {
                    Interlocked.Increment(ref turns);
                    if (!ok)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    kinds.GetOrAdd(kind, _ => []).Add(elapsed);
                }
            }
        })).ToList();

        await Task.Delay(warmup);
        var cpuBefore = botCpu();
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(measure);
        Volatile.Write(ref measuring, 0);
        var measured = clock.Elapsed;
        var cpu = botCpu() - cpuBefore;
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        return new LoadResult(label, people.Count, measured, turns, errors, kinds.ToDictionary(k => k.Key, k => k.Value.ToArray()), cpu);
    }

    /// <summary>The person's next turn: its kind (for the report), the text typed, and the card action if any.</summary>
    private (string Kind, string Text, (string Verb, Guid Id, int Version)? Action) Next(BenchPerson p, ref int work, ref int step)
    {
        if (p.IsApprover)
        {
            if (_toApprove[p.ApproverIndex].TryDequeue(out var item))
            {
                return ("approve (card)", "approve", ("approve", item.Id, item.Version));
            }

            return ("my tasks", "my tasks", null);
        }

        if (work >= p.Work.Count)
        {
            step = (step + 1) % 2;
            return step == 0 ? ("my tasks", "my tasks", null) : ("status", p.Work[^1].StatusText, null);
        }

        var w = p.Work[work];
        var current = step;
        step = (step + 1) % 4;
        switch (current)
        {
            case 0:
                return ("my tasks", "my tasks", null);
            case 1:
                return ("status", w.StatusText, null);
            case 2:
                return ("start (card)", "start", ("start", w.InstanceId, w.Version));
            default:
                work++;
                return ("submit (card)", "submit", ("submit", w.InstanceId, w.Version + 1));
        }
    }

    private async Task<bool> TurnAsync(BenchPerson p, string type, string text, (string Verb, Guid Id, int Version)? action, CancellationToken ct)
    {
        var id = $"bench-{Interlocked.Increment(ref _sequence)}";
        using var body = new MemoryStream();
        using (var w = new Utf8JsonWriter(body))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("id", id);
            w.WriteString("timestamp", DateTimeOffset.UtcNow);
            w.WriteString("channelId", "msteams");
            w.WriteString("serviceUrl", serviceUrl);
            w.WriteString("locale", "en-IN");
            w.WriteStartObject("from");
            w.WriteString("id", "29:" + p.AadObjectId);
            w.WriteString("aadObjectId", p.AadObjectId);
            w.WriteEndObject();
            w.WriteStartObject("recipient");
            w.WriteString("id", "28:bench-bot");
            w.WriteString("name", "Compliance OS");
            w.WriteEndObject();
            w.WriteStartObject("conversation");
            w.WriteString("id", "a:" + p.AadObjectId);
            w.WriteString("conversationType", "personal");
            w.WriteString("tenantId", p.TeamsTenantId);
            w.WriteEndObject();
            w.WriteStartObject("channelData");
            w.WriteStartObject("tenant");
            w.WriteString("id", p.TeamsTenantId);
            w.WriteEndObject();
            w.WriteEndObject();
            if (type == "invoke" && action is { } a)
            {
                w.WriteString("name", "adaptiveCard/action");
                w.WriteStartObject("value");
                w.WriteStartObject("action");
                w.WriteString("type", "Action.Execute");
                w.WriteString("verb", a.Verb);
                w.WriteStartObject("data");
                w.WriteString("instanceId", a.Id.ToString());
                w.WriteString("version", a.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("text", text);
            }

            w.WriteEndObject();
        }

        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(botUrl + "/api/messages", content, ct);
        var payload = await response.Content.ReadAsStringAsync(ct);

        // An invoke succeeds when the bot answers with a card (a refused or stale click answers with a message).
        return response.StatusCode == HttpStatusCode.OK
            && (type != "invoke" || payload.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal));
    }
}
