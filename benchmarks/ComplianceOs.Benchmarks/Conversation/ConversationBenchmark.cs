using System.Diagnostics;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ComplianceOs.Benchmarks.Conversation;

/// <summary>
/// <c>conversation</c>: one load generator, used in turn against our BotHost (Release build, anonymous, on a fresh
/// benchmark database) and against a bare echo bot on the official JavaScript SDK (botbuilder 4.23, CloudAdapter,
/// anonymous), both replying through the same in-process fake connector. Prints turns/s, p50/p99 and the ratio.
/// </summary>
public static class ConversationBenchmark
{
    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/ComplianceOs.Benchmarks -- conversation [options]

          --conversations N   concurrent conversations (default 64: 56 owners and 8 approvers)
          --tenants N         spread them over N tenants (default 1: one organisation, one audit chain)
          --seconds N         measured seconds per bot (default 20)
          --warmup N          warm-up seconds per bot, not measured (default 60: the JIT tiers up the BotHost meanwhile)
          --only ours|floor|echo  run against one bot only (floor: the least a database-backed turn costs here)
          --keep-database     do not drop the benchmark database

        Needs Node 20 and npm (the echo bot is installed with npm ci in benchmarks/echo-bot on first use).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        int conversations = 64, seconds = 20, warmup = 60, tenants = 1;
        string? only = null;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--conversations" when i + 1 < args.Length && int.TryParse(args[i + 1], out var c) && c >= 4:
                    conversations = c;
                    i++;
                    break;
                case "--tenants" when i + 1 < args.Length && int.TryParse(args[i + 1], out var t) && t >= 1:
                    tenants = t;
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
                case "--only" when i + 1 < args.Length && args[i + 1] is "ours" or "echo" or "floor":
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

        var root = RepoRoot();
        var approvers = Math.Max(1, conversations / 8);
        tenants = Math.Min(tenants, approvers);
        var owners = conversations - approvers;
        Console.WriteLine($"conversation benchmark: {conversations} concurrent conversations ({owners} owners, {approvers} approvers) in {tenants} tenant{(tenants == 1 ? string.Empty : "s")}, {warmup} s warm-up + {seconds} s measured per bot");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth quoting.");
#endif
        await using var connector = await FakeConnector.StartAsync();
        var results = new List<LoadResult>();

        LoadResult? ours = null, floor = null, echoResult = null;
        if (only is null or "ours" or "floor")
        {
            var database = await BenchDatabase.CreateAsync();
            try
            {
                var today = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow).InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]).Date;
                await DatabaseMigrator.MigrateAsync(database.OwnerConnectionString);
                await using var services = new ServiceCollection().AddDomainModule(database.AppConnectionString).BuildServiceProvider();
                var setup = Stopwatch.StartNew();
                var world = new ConversationWorld(services);
                var people = await world.CreateAsync(owners, approvers, tenants, today);
                // A live system's statistics have long caught up with its rows (autovacuum); a fresh benchmark
                // database's have not, and the planner would be judging 1-row estimates.
                await using (var owner = new Npgsql.NpgsqlConnection(database.OwnerConnectionString))
                {
                    await owner.OpenAsync();
                    await using var analyze = new Npgsql.NpgsqlCommand("ANALYZE", owner) { CommandTimeout = 600 };
                    await analyze.ExecuteNonQueryAsync();
                }

                Console.WriteLine($"setup: database {database.Name}, {owners} entities, {people.Sum(p => p.Work.Count)} open obligations for the owners ({setup.Elapsed.TotalSeconds:0.0} s)");

                if (only is null or "ours")
                {
                    await using var bot = await StartOurBotAsync(root, database.AppConnectionString);
                    var load = new LoadGenerator(bot.BaseUrl, connector.BaseUrl, people, messagesOnly: false);
                    await load.GreetAsync();
                    var postsBefore = connector.Posts;
                    var result = await load.RunAsync("Compliance OS BotHost", TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), () => bot.CpuTime);
                    ours = result;
                    results.Add(result);
                    Report(result);
                    Console.WriteLine($"  the bot wrote {BotProcess.OutputLines:N0} lines to stdout");
                    await WorkflowCheckAsync(services, world.TenantIds, connector, postsBefore);
                }

                if (only is null or "floor")
                {
                    await using var bot = await StartFloorBotAsync(database);
                    var load = new LoadGenerator(bot.BaseUrl, connector.BaseUrl, people, messagesOnly: true);
                    await load.GreetAsync();
                    var label = Environment.GetEnvironmentVariable("BENCH_BOT_FLOOR_MODE") switch
                    {
                        "read" => "floor, one read per turn and nothing else",
                        "append" => "floor, redelivery guard + one read + one audit append per turn",
                        _ => "floor, redelivery guard + one read per turn",
                    };
                    var result = await load.RunAsync(label, TimeSpan.FromSeconds(Math.Min(warmup, 20)), TimeSpan.FromSeconds(seconds), () => bot.CpuTime);
                    floor = result;
                    results.Add(result);
                    Report(result);
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

        if (only is null or "echo")
        {
            var people = Enumerable.Range(0, conversations).Select(i => new BenchPerson(ConversationWorld.TeamsTenantIdOf(0), $"0e0e0000-0000-4000-8000-{i + 1:D12}", false, 0, [new WorkItem(Guid.NewGuid(), "status gstr3b 2026-10", 1)])).ToList();
            await using var echo = await StartEchoBotAsync(root);
            var load = new LoadGenerator(echo.BaseUrl, connector.BaseUrl, people, messagesOnly: true);
            await load.GreetAsync();
            var result = await load.RunAsync("botbuilder 4.23.3 echo bot (Node)", TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), () => echo.CpuTime);
            echoResult = result;
            results.Add(result);
            Report(result);
        }

        if (echoResult is not null)
        {
            Console.WriteLine();
            if (ours is not null)
            {
                var ratio = ours.TurnsPerSecond / echoResult.TurnsPerSecond;
                var p99 = LoadResult.Percentile(ours.AllTicks, 99);
                Console.WriteLine($"ratio: Compliance OS {ours.TurnsPerSecond:0} turns/s / echo bot {echoResult.TurnsPerSecond:0} turns/s = {ratio:0.00}x");
                Console.WriteLine($"targets: >= 2x the echo bot: {(ratio >= 2 ? "met" : "NOT met")}; p99 <= 50 ms: {(p99 <= 50 ? "met" : "NOT met")} ({p99:0.0} ms)");
            }

            if (floor is not null)
            {
                Console.WriteLine($"floor: {floor.TurnsPerSecond:0} turns/s / echo bot {echoResult.TurnsPerSecond:0} turns/s = {floor.TurnsPerSecond / echoResult.TurnsPerSecond:0.00}x, p99 {LoadResult.Percentile(floor.AllTicks, 99):0.0} ms (what no design that touches the database per turn can beat here)");
            }
        }

        return results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    private static void Report(LoadResult r)
    {
        var all = r.AllTicks.ToList();
        Console.WriteLine();
        Console.WriteLine($"{r.Label}: {r.Turns:N0} turns in {r.Measured.TotalSeconds:0.0} s = {r.TurnsPerSecond:0} turns/s; p50 {LoadResult.Percentile(all, 50):0.0} ms, p99 {LoadResult.Percentile(all, 99):0.0} ms, max {LoadResult.Percentile(all, 100):0.0} ms; errors {r.Errors}; bot CPU {r.BotCpu.TotalSeconds:0.0} s ({r.BotCpu.TotalMilliseconds / Math.Max(1, r.Turns):0.00} ms/turn)");
        foreach (var (kind, ticks) in r.LatencyTicksByKind.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {kind,-16} {ticks.Length,8:N0} turns  p50 {LoadResult.Percentile(ticks, 50),6:0.0} ms  p99 {LoadResult.Percentile(ticks, 99),6:0.0} ms");
        }
    }

    /// <summary>The clicks really moved the workflow: count what the database says, not what the load generator hoped.</summary>
    private static async Task WorkflowCheckAsync(ServiceProvider services, IReadOnlyList<Guid> tenantIds, FakeConnector connector, long postsBefore)
    {
        var dbs = services.GetRequiredService<ComplianceDbFactory>();
        var byStatus = new Dictionary<InstanceStatus, int>();
        var audit = 0;
        foreach (var tenantId in tenantIds)
        {
            await using var db = dbs.ForTenant(tenantId);
            await using var tx = await db.Database.BeginTransactionAsync();
            foreach (var s in await db.ComplianceInstances.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            {
                byStatus[s.Key] = byStatus.GetValueOrDefault(s.Key) + s.Count;
            }

            audit += await db.AuditEntries.CountAsync();
        }

        Console.WriteLine($"  database after the run: {string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}; {audit:N0} audit entries; connector received {connector.Posts - postsBefore:N0} posts and {connector.Puts:N0} card updates");
    }

    private static Task<BotProcess> StartOurBotAsync(string root, string appConnectionString)
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
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
            },
            async (http, url) => (await http.GetAsync(url + "/health")).IsSuccessStatusCode);
    }

    private static Task<BotProcess> StartFloorBotAsync(BenchDatabase database)
    {
        var dll = typeof(FloorBot).Assembly.Location;
        return BotProcess.StartAsync(
            "floor bot",
            "dotnet",
            [dll, "floor-bot"],
            Path.GetDirectoryName(dll)!,
            new Dictionary<string, string>
            {
                ["FLOOR_APP_CONNECTION"] = database.AppConnectionString,
                ["FLOOR_OWNER_CONNECTION"] = database.OwnerConnectionString,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
            async (http, url) => (await http.GetAsync(url + "/health")).IsSuccessStatusCode);
    }

    private static async Task<BotProcess> StartEchoBotAsync(string root)
    {
        var folder = Path.Combine(root, "benchmarks", "echo-bot");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "botbuilder")))
        {
            Console.WriteLine("installing the echo bot (npm ci in benchmarks/echo-bot)");
            using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]) { WorkingDirectory = folder })!;
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException("npm ci failed in benchmarks/echo-bot");
            }
        }

        // The echo bot answers 405 to GET /api/messages once it is listening.
        return await BotProcess.StartAsync(
            "echo bot", "node", ["index.js"], folder, new Dictionary<string, string>(),
            async (http, url) => (await http.GetAsync(url + "/api/messages")).StatusCode == System.Net.HttpStatusCode.MethodNotAllowed);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ComplianceOs.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
