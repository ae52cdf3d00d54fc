using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ComplianceOs.Benchmarks.Conversation;

namespace ComplianceOs.Benchmarks.Slack;

/// <summary>What one app did in the measured window, and after it had answered everything.</summary>
public sealed record SlackLoadResult(
    string Label,
    TimeSpan Measured,
    long Acked,
    long Errors,
    long[] AckTicks,
    long[] AnswerTicks,
    TimeSpan Drain,
    long Outstanding,
    long Unmatched,
    int ChannelsNotExactlyOnce,
    long Posts,
    long Sent,
    CpuSplit Cpu)
{
    public double AcksPerSecond => Acked / Measured.TotalSeconds;

    public bool AnsweredExactlyOnce => Outstanding == 0 && Unmatched == 0 && ChannelsNotExactlyOnce == 0 && Posts == Sent;
}

/// <summary>
/// Sends signed Events API <c>message.im</c> callbacks, as Slack does, from many users' DMs over a fixed number of
/// connections, each connection sending its next event as soon as the previous one is acknowledged (or, with a rate,
/// when the event's turn on a fixed schedule comes, as long as a connection is free). Every event has
/// its own <c>event_id</c> and a fresh signature. The acknowledgement is the HTTP response; the answer is the
/// <c>chat.postMessage</c> the fake Web API records.
/// </summary>
public sealed class SlackLoadGenerator(string eventsUrl, string signingSecret, IReadOnlyList<SlackBenchUser> users, string text, FakeSlackWebApi api, int connections, int rate = 0)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly ConcurrentDictionary<string, int> _sent = new(StringComparer.Ordinal);
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(signingSecret);
    private long _next;

    public async Task<SlackLoadResult> RunAsync(string label, TimeSpan warmup, TimeSpan measured, Func<TimeSpan> botCpu)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        api.BeginRun();

        if (warmup > TimeSpan.Zero)
        {
            await PhaseAsync(http, warmup);
            await DrainAsync(TimeSpan.FromSeconds(600));
        }

        api.ResetAnswerTimes();
        var postsBefore = api.Posts;
        var sentBefore = _sent.Values.Sum();
        var cpuBefore = CpuSplit.Now(botCpu);
        var phase = await PhaseAsync(http, measured);
        var cpu = CpuSplit.Now(botCpu) - cpuBefore;
        var drain = await DrainAsync(TimeSpan.FromSeconds(600));

        // Anything still to come (a second answer to some event) has had its chance to arrive.
        await Task.Delay(TimeSpan.FromSeconds(2));
        return new SlackLoadResult(
            label,
            phase.Elapsed,
            phase.Acks.Length,
            phase.Errors,
            phase.Acks,
            api.AnswerTicks,
            drain,
            api.Outstanding,
            api.Unmatched,
            api.ChannelsNotAnsweredExactlyOnce(_sent),
            api.Posts - postsBefore,
            _sent.Values.Sum() - sentBefore,
            cpu);
    }

    private async Task<(TimeSpan Elapsed, long[] Acks, long Errors)> PhaseAsync(HttpClient http, TimeSpan length)
    {
        var acks = new ConcurrentBag<long[]>();
        long errors = 0;
        var clock = Stopwatch.StartNew();
        long scheduled = 0;
        var loops = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var mine = new List<long>(4096);
            while (clock.Elapsed < length)
            {
                if (rate > 0)
                {
                    var due = TimeSpan.FromSeconds((double)Interlocked.Increment(ref scheduled) / rate);
                    if (due >= length)
                    {
                        break;
                    }

                    if (due > clock.Elapsed)
                    {
                        await Task.Delay(due - clock.Elapsed);
                    }
                }

                var n = Interlocked.Increment(ref _next);
                var user = users[(int)(n % users.Count)];
                var (body, timestamp, signature) = Event(n, user);
                using var request = new HttpRequestMessage(HttpMethod.Post, eventsUrl) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
                request.Headers.Add("X-Slack-Signature", signature);
                _sent.AddOrUpdate(user.DmChannel, 1, (_, c) => c + 1);
                var start = Stopwatch.GetTimestamp();
                api.Expect(user.DmChannel, start);
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        mine.Add(Stopwatch.GetTimestamp() - start);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            acks.Add([.. mine]);
        })).ToArray();
        await Task.WhenAll(loops);
        return (clock.Elapsed, acks.SelectMany(a => a).ToArray(), errors);
    }

    /// <summary>Waits until every event sent so far has been answered, or the patience runs out.</summary>
    private async Task<TimeSpan> DrainAsync(TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (api.Outstanding > 0 && clock.Elapsed < patience)
        {
            await Task.Delay(20);
        }

        return clock.Elapsed;
    }

    private (byte[] Body, string Timestamp, string Signature) Event(long n, SlackBenchUser user)
    {
        var now = DateTimeOffset.UtcNow;
        var ts = (now.ToUnixTimeMilliseconds() / 1000d).ToString("0.000000", CultureInfo.InvariantCulture);
        var json = $$"""
            {"token":"bench","team_id":"{{SlackWorld.TeamId}}","context_team_id":"{{SlackWorld.TeamId}}","api_app_id":"A0BENCHAPP","event":{"type":"message","channel":"{{user.DmChannel}}","user":"{{user.UserId}}","text":{{JsonSerializer.Serialize(text)}},"ts":"{{ts}}","event_ts":"{{ts}}","channel_type":"im","client_msg_id":"{{Guid.NewGuid()}}"},"type":"event_callback","event_id":"Ev{{_run}}{{n:D10}}","event_time":{{now.ToUnixTimeSeconds()}},"authorizations":[{"enterprise_id":null,"team_id":"{{SlackWorld.TeamId}}","user_id":"{{SlackWorld.BotUserId}}","is_bot":true,"is_enterprise_install":false}],"is_ext_shared_channel":false}
            """;
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return (body, timestamp, SlackSigning.Sign(_secret, timestamp, body));
    }
}
