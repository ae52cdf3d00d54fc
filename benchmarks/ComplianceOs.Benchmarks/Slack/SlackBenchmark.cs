using System.Diagnostics;
using System.Text;
using ComplianceOs.Benchmarks.Conversation;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ComplianceOs.Benchmarks.Slack;

/// <summary>
/// <c>slack</c>: one load generator of signed <c>message.im</c> events, used in turn against our <c>/slack/events</c>
/// (Release BotHost on a fresh benchmark database) and against a minimal Bolt for JavaScript app (HTTP receiver,
/// <c>say()</c>), both answering through the same fake Slack Web API. Prints acknowledged events/s, p99
/// acknowledgement, time to the <c>chat.postMessage</c>, whether every event was answered exactly once, and the ratio.
/// </summary>
public static class SlackBenchmark
{
    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/ComplianceOs.Benchmarks -- slack [options]

          --users N           seeded users, each DMing the bot (default 5000)
          --connections N     concurrent connections (default 64)
          --seconds N         measured seconds per app (default 10)
          --warmup N          warm-up seconds per app, not measured (default 10)
          --text "..."        what every DM says (default "my tasks")
          --rate N            send N events/s on a fixed schedule instead of as fast as acknowledged (default 0)
          --only ours|floor|bolt  run against one app only (floor: the least a durable acknowledgement costs here)
          --keep-database     do not drop the benchmark database

        Needs Node 20 and npm (the Bolt app is installed with npm ci in benchmarks/bolt-app on first use).
        """;

    private const string SigningSecret = "bench-signing-secret-0123456789abcdef";

    public static async Task<int> RunAsync(string[] args)
    {
        int users = 5000, connections = 64, seconds = 10, warmup = 10, rate = 0;
        var text = "my tasks";
        string? only = null;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--users" when i + 1 < args.Length && int.TryParse(args[i + 1], out var u) && u >= 1:
                    users = u;
                    i++;
                    break;
                case "--connections" when i + 1 < args.Length && int.TryParse(args[i + 1], out var c) && c >= 1:
                    connections = c;
                    i++;
                    break;
                case "--seconds" when i + 1 < args.Length && int.TryParse(args[i + 1], out var s) && s > 0:
                    seconds = s;
                    i++;
                    break;
                case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], out var w) && w >= 0:
                    warmup = w;
                    i++;
                    break;
                case "--rate" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r >= 0:
                    rate = r;
                    i++;
                    break;
                case "--text" when i + 1 < args.Length && args[i + 1].Length > 0:
                    text = args[++i];
                    break;
                case "--only" when i + 1 < args.Length && args[i + 1] is "ours" or "floor" or "bolt":
                    only = args[++i];
                    break;
                case "--keep-database":
                    keep = true;
                    break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete option: {args[i]}");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        var root = ConversationBenchmark.RepoRoot();
        Console.WriteLine($"slack benchmark: signed message.im events from {users:N0} users' DMs over {connections} connections{(rate > 0 ? $" at {rate:N0} events/s" : ", each sending as soon as the last was acknowledged")}, each saying \"{text}\"; {warmup} s warm-up + {seconds} s measured per app");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth quoting.");
#endif
        await using var api = await FakeSlackWebApi.StartAsync();
        var seeded = Enumerable.Range(0, users).Select(SlackWorld.UserOf).ToList();
        SlackLoadResult? ours = null, bolt = null, floor = null;

        if (only is null or "ours" or "floor")
        {
            var database = await BenchDatabase.CreateAsync();
            try
            {
                var today = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow).InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]).Date;
                await DatabaseMigrator.MigrateAsync(database.OwnerConnectionString);
                await using (var services = new ServiceCollection().AddDomainModule(database.AppConnectionString).BuildServiceProvider())
                {
                    var setup = Stopwatch.StartNew();
                    var world = new SlackWorld(services);
                    seeded = [.. await world.CreateAsync(users, Math.Max(1, users / 100), today)];
                    await database.AnalyzeAsync();
                    Console.WriteLine($"setup: database {database.Name}, {users:N0} users in one tenant bound to {SlackWorld.TeamId} ({setup.Elapsed.TotalSeconds:0.0} s)");
                }

                if (only is null or "ours")
                {
                    await using var bot = await StartOurBotAsync(root, database.AppConnectionString, api.BaseUrl);
                    var load = new SlackLoadGenerator(bot.BaseUrl + "/slack/events", SigningSecret, seeded, text, api, connections, rate);
                    ours = await load.RunAsync("Compliance OS BotHost /slack/events", TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), () => bot.CpuTime);
                    Report(ours);
                    await InboxCheckAsync(database);
                }

                if (only is null or "floor")
                {
                    await using var app = await StartFloorAsync(database.AppConnectionString, api.BaseUrl);
                    var load = new SlackLoadGenerator(app.BaseUrl + "/slack/events", SigningSecret, seeded, text, api, connections, rate);
                    floor = await load.RunAsync("floor: signature + durable inbox insert + an answer from memory", TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), () => app.CpuTime);
                    Report(floor);
                }
            }
            finally
            {
                if (keep)
                {
                    Console.WriteLine($"kept database {database.Name}");
                }
                else
                {
                    await database.DropAsync();
                }
            }
        }

        if (only is null or "bolt")
        {
            await using var app = await StartBoltAsync(root, api.BaseUrl);
            var load = new SlackLoadGenerator(app.BaseUrl + "/slack/events", SigningSecret, seeded, text, api, connections, rate);
            bolt = await load.RunAsync("Bolt for JavaScript 4.7.3, HTTP receiver, say() (Node)", TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), () => app.CpuTime);
            Report(bolt);
        }

        if (api.BadToken > 0 || api.OtherCalls > 0)
        {
            Console.WriteLine($"fake Web API: {api.BadToken} calls with a wrong token, {api.OtherCalls} calls other than auth.test and chat.postMessage");
        }

        if (ours is not null && bolt is not null)
        {
            var ratio = ours.AcksPerSecond / bolt.AcksPerSecond;
            var p99 = Percentile(ours.AckTicks, 99);
            Console.WriteLine();
            Console.WriteLine($"ratio: Compliance OS {ours.AcksPerSecond:0} events/s / Bolt {bolt.AcksPerSecond:0} events/s = {ratio:0.00}x");
            Console.WriteLine($"targets: >= 2x Bolt: {(ratio >= 2 ? "met" : "NOT met")}; p99 acknowledgement <= 20 ms: {(p99 <= 20 ? "met" : "NOT met")} ({p99:0.0} ms); every event answered exactly once: {(ours.AnsweredExactlyOnce ? "yes" : "NO")}");
        }

        if (floor is not null)
        {
            Console.WriteLine($"floor: {floor.AcksPerSecond:0} events/s, p99 acknowledgement {Percentile(floor.AckTicks, 99):0.0} ms (what no endpoint that commits each event before acknowledging can beat here)");
        }

        return new[] { ours, bolt, floor }.Any(r => r is not null && (r.Errors > 0 || !r.AnsweredExactlyOnce)) ? 1 : 0;
    }

    private static void Report(SlackLoadResult r)
    {
        Console.WriteLine();
        Console.WriteLine($"{r.Label}:");
        Console.WriteLine($"  acknowledged {r.Acked:N0} events in {r.Measured.TotalSeconds:0.0} s = {r.AcksPerSecond:0} events/s; errors {r.Errors}");
        Console.WriteLine($"  acknowledgement  p50 {Percentile(r.AckTicks, 50),7:0.0} ms  p99 {Percentile(r.AckTicks, 99),7:0.0} ms  max {Percentile(r.AckTicks, 100),7:0.0} ms");
        Console.WriteLine($"  to chat.postMessage  p50 {Percentile(r.AnswerTicks, 50),7:0.0} ms  p99 {Percentile(r.AnswerTicks, 99),7:0.0} ms  max {Percentile(r.AnswerTicks, 100),7:0.0} ms (all answered {r.Drain.TotalSeconds:0.0} s after the last event)");
        Console.WriteLine($"  answered exactly once: {(r.AnsweredExactlyOnce ? "yes" : "NO")} ({r.Sent:N0} events sent, {r.Posts:N0} chat.postMessage calls, {r.Outstanding} unanswered, {r.Unmatched} extra, {r.ChannelsNotExactlyOnce} DMs off)");
        Console.WriteLine($"  CPU in the window: app {r.Cpu.App.TotalSeconds:0.0} s ({r.Cpu.App.TotalMilliseconds / Math.Max(1, r.Acked):0.00} ms/event), load generator + fake Web API {r.Cpu.Harness.TotalSeconds:0.0} s, PostgreSQL {r.Cpu.Postgres.TotalSeconds:0.0} s, of {r.Measured.TotalSeconds * Environment.ProcessorCount:0} s on {Environment.ProcessorCount} cores");
    }

    private static double Percentile(long[] ticks, double p) => LoadResult.Percentile(ticks, p);

    /// <summary>What the inbox says: every event went in once and was handled.</summary>
    private static async Task InboxCheckAsync(BenchDatabase database)
    {
        await using var owner = new Npgsql.NpgsqlConnection(database.OwnerConnectionString);
        await owner.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*), count(processed_at), coalesce(max(attempts), 0) FROM slack_inbox", owner);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine($"  inbox: {reader.GetInt64(0):N0} events, {reader.GetInt64(1):N0} handled, most attempts on one {reader.GetInt32(2)}");
    }

    private static Task<BotProcess> StartOurBotAsync(string root, string appConnectionString, string apiBaseUrl)
    {
        var dll = Path.Combine(root, "src", "BotHost", "bin", "Release", "net10.0", "ComplianceOs.BotHost.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: run the benchmark with -c Release (it builds the BotHost).");
        }

        return BotProcess.StartAsync(
            "BotHost",
            "dotnet",
            [dll],
            Path.GetDirectoryName(dll)!,
            new Dictionary<string, string>
            {
                ["ConnectionStrings__ComplianceDb"] = appConnectionString,
                ["Jobs__ServerEnabled"] = "false",
                ["Bot__AppId"] = string.Empty,
                ["Bot__AllowAnonymous"] = "true",
                ["Slack__SigningSecret"] = SigningSecret,
                ["Slack__ApiBaseUrl"] = apiBaseUrl,
                [$"Slack__DemoWorkspaces__{SlackWorld.TeamId}__BotToken"] = SlackWorld.BotToken,
                [$"Slack__DemoWorkspaces__{SlackWorld.TeamId}__BotUserId"] = SlackWorld.BotUserId,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
            },
            UrlVerifiedAsync);
    }

    private static Task<BotProcess> StartFloorAsync(string appConnectionString, string apiBaseUrl)
    {
        var dll = typeof(SlackFloorApp).Assembly.Location;
        return BotProcess.StartAsync(
            "floor app",
            "dotnet",
            [dll, "slack-floor"],
            Path.GetDirectoryName(dll)!,
            new Dictionary<string, string>
            {
                ["FLOOR_APP_CONNECTION"] = appConnectionString,
                ["SLACK_SIGNING_SECRET"] = SigningSecret,
                ["SLACK_BOT_TOKEN"] = SlackWorld.BotToken,
                ["SLACK_API_URL"] = apiBaseUrl,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_gcServer"] = "1",
            },
            UrlVerifiedAsync);
    }

    private static async Task<BotProcess> StartBoltAsync(string root, string apiBaseUrl)
    {
        var folder = Path.Combine(root, "benchmarks", "bolt-app");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@slack", "bolt")))
        {
            Console.WriteLine("installing the Bolt app (npm ci in benchmarks/bolt-app)");
            using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]) { WorkingDirectory = folder })!;
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException("npm ci failed in benchmarks/bolt-app");
            }
        }

        return await BotProcess.StartAsync(
            "Bolt app",
            "node",
            ["index.js"],
            folder,
            new Dictionary<string, string>
            {
                ["SLACK_SIGNING_SECRET"] = SigningSecret,
                ["SLACK_BOT_TOKEN"] = SlackWorld.BotToken,
                ["SLACK_API_URL"] = apiBaseUrl,
            },
            UrlVerifiedAsync);
    }

    /// <summary>Up when a signed url_verification comes back with its challenge.</summary>
    private static async Task<bool> UrlVerifiedAsync(HttpClient http, string url)
    {
        var body = Encoding.UTF8.GetBytes("{\"token\":\"bench\",\"challenge\":\"ready-check\",\"type\":\"url_verification\"}");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url + "/slack/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSigning.Sign(Encoding.UTF8.GetBytes(SigningSecret), timestamp, body));
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("ready-check", StringComparison.Ordinal);
    }
}
