using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ComplianceOs.Benchmarks;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Masters.SeedCatalog;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.FirstOrDefault() == "floor-bot")
{
    return await ComplianceOs.Benchmarks.Conversation.FloorBot.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "slack-floor")
{
    return await ComplianceOs.Benchmarks.Slack.SlackFloorApp.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "slack")
{
    return await ComplianceOs.Benchmarks.Slack.SlackBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "knowledge")
{
    return await ComplianceOs.Benchmarks.Knowledge.KnowledgeBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "jobs")
{
    return await ComplianceOs.Benchmarks.Jobs.JobsBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "jobs-measure")
{
    return await ComplianceOs.Benchmarks.Jobs.JobsBenchmark.MeasureAsync(args[1..]);
}

if (args.FirstOrDefault() == "evidence")
{
    return await ComplianceOs.Benchmarks.Evidence.EvidenceBenchmark.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "evidence-measure")
{
    return await ComplianceOs.Benchmarks.Evidence.EvidenceBenchmark.MeasureAsync(args[1..]);
}

if (args.FirstOrDefault() == "evidence-probe")
{
    return await ComplianceOs.Benchmarks.Evidence.UploadProbe.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "conversation")
{
    return await ComplianceOs.Benchmarks.Conversation.ConversationBenchmark.RunAsync(args[1..]);
}

var options = BenchOptions.Parse(args, out var parseError);
if (options is null)
{
    if (!string.IsNullOrEmpty(parseError))
    {
        Console.Error.WriteLine(parseError);
    }

    Console.Error.WriteLine(BenchOptions.Usage);
    return string.IsNullOrEmpty(parseError) ? 0 : 2;
}

var from = World.WindowFrom;
var to = World.WindowTo;
var today = World.WindowToday;
var coldDay = new LocalDate(2025, 9, 30);
var nextDay = new LocalDate(2025, 10, 1);

Report.Header(options, from, to, today);
var database = await BenchDatabase.CreateAsync();
Console.WriteLine($"database: {database.Name} (created as the owner; the benchmark runs as the app role)");
ServiceProvider? services = null;
ServiceProvider? noNestloop = null;
var exitCode = 0;
try
{
    var migrations = await DatabaseMigrator.MigrateAsync(database.OwnerConnectionString);
    Console.WriteLine($"migrated: {migrations.Count} migrations applied");
    foreach (var (name, value) in await database.ServerSettingsAsync())
    {
        Console.WriteLine($"  postgres {name} = {value}");
    }

    // Two sets of handlers on the same database, both as the app role: "shipped" uses the server's planner settings
    // as they are; "nestloop+jit off" adds -c enable_nestloop=off -c jit=off to its sessions (see the README: it keeps
    // the shipped recompute statement out of its nested-loop plan on rows the statistics have never seen; jit=off
    // because enable_nestloop=off adds a huge disable cost that would otherwise trigger JIT compilation).
    services = new ServiceCollection().AddDomainModule(database.AppConnectionString).BuildServiceProvider();
    noNestloop = new ServiceCollection().AddDomainModule(database.AppConnectionStringWith("-c enable_nestloop=off -c jit=off")).BuildServiceProvider();
    var dbs = services.GetRequiredService<ComplianceDbFactory>();
    var generateShipped = services.GetRequiredService<GenerateInstancesHandler>();
    var generateMain = options.GenerateAsShipped ? generateShipped : noNestloop.GetRequiredService<GenerateInstancesHandler>();
    var generateMainLabel = options.GenerateAsShipped ? "planner as shipped" : "nestloop+jit off";
    var recompute = services.GetRequiredService<RecomputeTenantHandler>();
    using var profiler = new DbActivityProfiler();

    // ---------------------------------------------------------------- setup (not measured)
    var setupClock = Stopwatch.StartNew();
    var seed = await services.GetRequiredService<SeedCatalogHandler>().HandleAsync(new PlatformContext(Actor.System("bench"), Channel.Cli, "bench"));
    if (!seed.Succeeded)
    {
        throw new InvalidOperationException($"catalog seed failed: {seed}");
    }

    Console.WriteLine($"catalog: {seed.Value!.Created} masters created");
    var world = new World(services);
    var tenants = await world.CreateTenantsAsync(options.Tenants, options.Entities, options.SetupParallelism);
    setupClock.Stop();
    Console.WriteLine(
        $"setup: {options.Tenants} tenants, {tenants.Sum(t => t.EntityIds.Count)} entities, {options.Tenants * 3} users " +
        $"in {setupClock.Elapsed.TotalSeconds:F1} s ({options.SetupParallelism} concurrent; not part of the figures)");
    var extraEntity = options.Entities + 1000;

    // Warm-up: JIT, EF model building, connection pools; excluded from every figure.
    var warmClock = Stopwatch.StartNew();
    var warmup = await world.CreateTenantAsync(-1, "Bench Warm-up", extraEntity, 2);
    extraEntity += 2;
    var warmResult = await generateMain.HandleAsync(warmup.System, new GenerateInstancesCommand(from, to, today));
    await recompute.HandleAsync(warmup.TenantId, coldDay);
    Console.WriteLine($"warm-up tenant (excluded): {warmResult.Value?.Created} instances, {warmClock.Elapsed.TotalSeconds:F2} s");
    Console.WriteLine($"  {await database.InstanceStatsAsync()}");
    Console.WriteLine();

    // ---------------------------------------------------------------- probes: first generation as shipped (not in the figures)
    if (options.ProbeSizes.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine("first generation of a new tenant, planner as shipped (extra tenants; excluded from the figures):");
        Console.WriteLine($"  {await database.InstanceStatsAsync()}");
        foreach (var size in options.ProbeSizes)
        {
            var probeTenant = await world.CreateTenantAsync(-10 - size, $"Bench Probe {size}", extraEntity, size);
            extraEntity += size;
            var sw = Stopwatch.StartNew();
            profiler.Start();
            try
            {
                var r = await generateShipped.HandleAsync(probeTenant.System, new GenerateInstancesCommand(from, to, today));
                var db = profiler.Stop();
                Console.WriteLine(
                    $"  {size,3} entities: {r.Value?.Created,6} instances in {sw.Elapsed.TotalSeconds,7:F2} s = {r.Value?.Created / sw.Elapsed.TotalSeconds,8:N0} instances/s; " +
                    string.Join(", ", db.Take(3).Select(d => $"{d.Kind} {d.Total.TotalMilliseconds:F0} ms")));
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
            {
                profiler.Stop();
                Console.WriteLine($"  {size,3} entities: FAILED after {sw.Elapsed.TotalSeconds:F1} s: {ex.GetBaseException().Message} (the default 30 s command timeout; rolled back)");
                break;
            }
        }
    }

    var results = new List<PhaseResult>();

    // ---------------------------------------------------------------- generation
    var genAlloc = GC.GetTotalAllocatedBytes(true);
    profiler.Start();
    var genClock = Stopwatch.StartNew();
    var (candidates, created, genTimes) = await World.GenerateAllAsync(tenants, generateMain, new GenerateInstancesCommand(from, to, today), options.GenerationParallelism);
    genClock.Stop();
    var genDb = profiler.Stop();
    var genLabel = options.GenerationParallelism == 1 ? "sequential" : $"{options.GenerationParallelism} concurrent";
    results.Add(PhaseResult.Of($"generate FY 2025-26 ({genLabel}, {generateMainLabel}; incl. its recompute)", created, genClock.Elapsed, created, genAlloc));

    var (instances, tasks, perEntity) = await Counts.OfAsync(dbs, tenants);
    Console.WriteLine($"generated: {created} instances ({candidates} candidates), {tasks} workflow tasks; {instances} instances in the tenants' tables");
    Console.WriteLine($"  {instances / (double)options.Entities:F1} instances per entity; per-tenant generation ms: {Report.Spread(genTimes)}");
    Report.Profiles(perEntity);
    Report.DbBreakdown("generation: where the wall time goes (Npgsql activity durations, summed over tenants)", genDb, genClock.Elapsed, options.GenerationParallelism);

    // ---------------------------------------------------------------- recompute (planner as shipped)
    Console.WriteLine();
    Console.WriteLine($"before recompute: {await database.InstanceStatsAsync()}");
    if (options.Analyze)
    {
        var analyzeClock = Stopwatch.StartNew();
        await database.AnalyzeAsync();
        Console.WriteLine($"  ANALYZE as the owner (as autovacuum would by now) in {analyzeClock.Elapsed.TotalSeconds:F2} s: {await database.InstanceStatsAsync()}");
    }

    var recomputeTimes = new List<(string Name, double[] Ms)>();
    var recomputeDb = new List<(string Name, IReadOnlyList<(string Kind, int Count, TimeSpan Total)> Db, TimeSpan Wall, int Parallel)>();
    var recomputeFixed = noNestloop.GetRequiredService<RecomputeTenantHandler>();
    async Task<PhaseResult> RecomputeAllAsync(string name, LocalDate date, int parallel, RecomputeTenantHandler? handler = null)
    {
        handler ??= recompute;
        var ms = new double[tenants.Length];
        var changed = 0;
        var alloc = GC.GetTotalAllocatedBytes(true);
        profiler.Start();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            tenants,
            new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (t, ct) =>
            {
                var sw = Stopwatch.StartNew();
                Interlocked.Add(ref changed, await handler.HandleAsync(t.TenantId, date, ct));
                ms[t.Index] = sw.Elapsed.TotalMilliseconds;
            });
        clock.Stop();
        recomputeDb.Add((name, profiler.Stop(), clock.Elapsed, parallel));
        recomputeTimes.Add((name, ms));
        return PhaseResult.Of(name, instances, clock.Elapsed, changed, alloc);
    }

    results.Add(await RecomputeAllAsync($"recompute cold (today {coldDay:uuuu-MM-dd} after {today:uuuu-MM-dd}; sequential)", coldDay, 1));
    results.Add(await RecomputeAllAsync($"recompute warm (same date again; sequential)", coldDay, 1));
    results.Add(await RecomputeAllAsync($"recompute next day (today {nextDay:uuuu-MM-dd}; sequential)", nextDay, 1));
    var current = nextDay;
    foreach (var p in options.RecomputeParallelism)
    {
        var flip = current == today ? coldDay : today;
        results.Add(await RecomputeAllAsync($"recompute cold (today {flip:uuuu-MM-dd} after {current:uuuu-MM-dd}; {p} concurrent)", flip, p));
        results.Add(await RecomputeAllAsync($"recompute warm (same date again; {p} concurrent)", flip, p));
        current = flip;
    }

    // The same statement with the planner kept off nested loops (what a one-line SET LOCAL in RecomputeStatus would do).
    var flipFixed = current == today ? coldDay : today;
    results.Add(await RecomputeAllAsync($"recompute cold, nestloop+jit off (today {flipFixed:uuuu-MM-dd} after {current:uuuu-MM-dd}; sequential)", flipFixed, 1, recomputeFixed));
    results.Add(await RecomputeAllAsync($"recompute warm, nestloop+jit off (same date again; sequential)", flipFixed, 1, recomputeFixed));
    current = flipFixed;

    Console.WriteLine();
    Report.Table(results);
    Console.WriteLine();
    Console.WriteLine("per-tenant recompute ms:");
    foreach (var (name, ms) in recomputeTimes)
    {
        Console.WriteLine($"  {name}: {Report.Spread(ms)}");
    }

    Report.DbBreakdown($"{recomputeDb[0].Name}: breakdown", recomputeDb[0].Db, recomputeDb[0].Wall, recomputeDb[0].Parallel);
    Report.DbBreakdown($"{recomputeDb[1].Name}: breakdown", recomputeDb[1].Db, recomputeDb[1].Wall, recomputeDb[1].Parallel);
    Report.Targets(results, instances);

    // ---------------------------------------------------------------- profile (rolled back; not part of the figures)
    if (options.Profile)
    {
        Console.WriteLine();
        Console.WriteLine("== profile (reflection into the handler's planning step and SQL; everything rolled back) ==");
        var planAlloc = GC.GetTotalAllocatedBytes(true);
        profiler.Start();
        var planClock = Stopwatch.StartNew();
        var planned = 0;
        foreach (var t in tenants)
        {
            await using var db = dbs.ForTenant(t.TenantId);
            await using var tx = await db.Database.BeginTransactionAsync();
            planned += (await InternalProbe.PlanAsync(db, new GenerateInstancesCommand(from, to, today))).Count;
            await tx.RollbackAsync();
        }

        planClock.Stop();
        var planDb = profiler.Stop();
        Console.WriteLine(
            $"planning only (EF loads + rule engine, no writes), all tenants sequential: {planned} candidates in {planClock.Elapsed.TotalSeconds:F2} s " +
            $"= {planned / planClock.Elapsed.TotalSeconds:N0} candidates/s; allocated {(GC.GetTotalAllocatedBytes(true) - planAlloc) / 1048576.0:F0} MB");
        Report.DbBreakdown("planning only: breakdown", planDb, planClock.Elapsed, 1);

        var probe = await world.CreateTenantAsync(-2, "Bench Profile", extraEntity, options.EntitiesOfTenant(0));
        extraEntity += options.EntitiesOfTenant(0);
        Console.WriteLine();
        Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS) of a new tenant's generation statement ({probe.EntityIds.Count} entities), planner as shipped:");
        Console.WriteLine(await InternalProbe.ExplainGenerationAsync(dbs, probe.TenantId, new GenerateInstancesCommand(from, to, today), 60));
        var flipTo = current == today ? coldDay : today;
        Console.WriteLine($"recompute variants on tenant 1 in the full, analyzed table (today {flipTo:uuuu-MM-dd} after {current:uuuu-MM-dd}; cold), planner as shipped:");
        Console.WriteLine(await InternalProbe.CompareRecomputeAsync(dbs, tenants[0].TenantId, flipTo, 60));
        Console.WriteLine($"recompute variants on tenant 1, warm (today {current:uuuu-MM-dd} again):");
        Console.WriteLine(await InternalProbe.CompareRecomputeAsync(dbs, tenants[0].TenantId, current, 60));
    }

    Console.WriteLine($"final peak working set: {Report.PeakMb():F0} MB");
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex);
    exitCode = 1;
}
finally
{
    if (services is not null)
    {
        await services.DisposeAsync();
    }

    if (noNestloop is not null)
    {
        await noNestloop.DisposeAsync();
    }

    if (options.KeepDatabase)
    {
        Console.WriteLine($"kept database {database.Name} (drop it with: DROP DATABASE \"{database.Name}\" WITH (FORCE))");
    }
    else
    {
        await database.DropAsync();
        Console.WriteLine($"dropped database {database.Name}");
    }
}

return exitCode;

namespace ComplianceOs.Benchmarks
{
    public sealed record PhaseResult(string Name, long Instances, TimeSpan Elapsed, long RowsChanged, double PeakMb, double AllocatedMb)
    {
        public double PerSecond => Instances / Elapsed.TotalSeconds;

        public static PhaseResult Of(string name, long instances, TimeSpan elapsed, long changed, long allocatedBefore) =>
            new(name, instances, elapsed, changed, Report.PeakMb(), (GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 1048576.0);
    }

    internal static class Counts
    {
        /// <summary>Instances and tasks per tenant (as the app role, under RLS) and instances per entity, by profile.</summary>
        public static async Task<(long Instances, long Tasks, Dictionary<int, List<int>> PerProfile)> OfAsync(ComplianceDbFactory dbs, IEnumerable<BenchTenant> tenants)
        {
            long instances = 0, tasks = 0;
            var perProfile = new Dictionary<int, List<int>>();
            foreach (var t in tenants)
            {
                await using var db = dbs.ForTenant(t.TenantId);
                await using var tx = await db.Database.BeginTransactionAsync();
                var byEntity = await db.ComplianceInstances.GroupBy(i => i.EntityId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
                tasks += await db.WorkflowTasks.LongCountAsync();
                await tx.CommitAsync();
                for (var e = 0; e < t.EntityIds.Count; e++)
                {
                    var n = byEntity.GetValueOrDefault(t.EntityIds[e]);
                    instances += n;
                    var profile = (t.FirstEntity + e) % World.Profiles.Count;
                    (perProfile.TryGetValue(profile, out var list) ? list : perProfile[profile] = []).Add(n);
                }
            }

            return (instances, tasks, perProfile);
        }
    }

    internal static class Report
    {
        public static double PeakMb()
        {
            using var p = Process.GetCurrentProcess();
            return p.PeakWorkingSet64 / 1048576.0;
        }

        public static void Header(BenchOptions o, LocalDate from, LocalDate to, LocalDate today)
        {
            Console.WriteLine("== Compliance OS benchmark: instance generation and status recompute ==");
            Console.WriteLine($"scenario: {o.Tenants} tenants, {o.Entities} legal entities ({o.Entities / (double)o.Tenants:F1} per tenant), window {from:uuuu-MM-dd}..{to:uuuu-MM-dd}, today {today:uuuu-MM-dd}");
            Console.WriteLine(
                $"machine: {Environment.ProcessorCount} logical CPUs, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:F1} GB available to .NET, " +
                $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
                $"GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {(Debugger.IsAttached ? "debugger attached" : "no debugger")}");
            if (File.Exists("/proc/loadavg"))
            {
                Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
            }
#if DEBUG
            Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth quoting.");
#endif
        }

        public static string Spread(double[] ms)
        {
            var s = ms.OrderBy(x => x).ToArray();
            double P(double q) => s[Math.Min(s.Length - 1, (int)Math.Round(q * (s.Length - 1)))];
            return $"min {s[0]:F1}, p50 {P(0.5):F1}, p90 {P(0.9):F1}, max {s[^1]:F1}, sum {s.Sum() / 1000:F2} s";
        }

        public static void Profiles(Dictionary<int, List<int>> perProfile)
        {
            Console.WriteLine("  instances per entity by profile (one FY window):");
            foreach (var (profile, counts) in perProfile.OrderBy(p => p.Key))
            {
                Console.WriteLine($"    {counts.Average(),5:F0}  × {counts.Count,4} entities  {World.Profiles[profile].Label}");
            }
        }

        public static void DbBreakdown(string title, IReadOnlyList<(string Kind, int Count, TimeSpan Total)> db, TimeSpan wall, int parallel)
        {
            Console.WriteLine($"  {title}:");
            foreach (var (kind, count, total) in db)
            {
                Console.WriteLine($"    {total.TotalSeconds,8:F2} s {100 * total.TotalSeconds / (wall.TotalSeconds * parallel),5:F1}%  {count,6}×  {kind}");
            }

            var inDb = db.Sum(d => d.Total.TotalSeconds);
            var client = (wall.TotalSeconds * parallel) - inDb;
            Console.WriteLine($"    {client,8:F2} s {100 * client / (wall.TotalSeconds * parallel),5:F1}%          client-side remainder (C# planning, EF materialisation, GC, task scheduling{(parallel > 1 ? "; idle workers" : string.Empty)})");
            Console.WriteLine($"    wall {wall.TotalSeconds:F2} s{(parallel > 1 ? $" × {parallel} workers" : string.Empty)}");
        }

        public static void Table(IReadOnlyList<PhaseResult> results)
        {
            Console.WriteLine($"{"phase",-92} {"instances",10} {"seconds",8} {"inst/s",10} {"µs/inst",8} {"changed",9} {"alloc MB",9} {"peak MB",8}");
            foreach (var r in results)
            {
                Console.WriteLine(
                    $"{r.Name,-92} {r.Instances,10:N0} {r.Elapsed.TotalSeconds,8:F2} {r.PerSecond,10:N0} {1e6 * r.Elapsed.TotalSeconds / r.Instances,8:F1} {r.RowsChanged,9:N0} {r.AllocatedMb,9:F0} {r.PeakMb,8:F0}");
            }

            Console.WriteLine("(peak MB = Process.PeakWorkingSet64 at the end of the phase, a high-water mark since process start; " +
                              "changed = rows the statement actually wrote; recompute instances = every instance of the measured tenants)");
        }

        public static void Targets(IReadOnlyList<PhaseResult> results, long instances)
        {
            Console.WriteLine();
            Console.WriteLine("targets:");
            var gen = results[0];
            Console.WriteLine($"  generation ≥ 10,000 instances/s: measured {gen.PerSecond:N0}/s → {(gen.PerSecond >= 10_000 ? "MET" : "NOT MET")}");
            foreach (var r in results.Skip(1))
            {
                var projected = r.Elapsed.TotalSeconds * 250_000 / instances;
                Console.WriteLine(
                    $"  recompute 250,000 ≤ 5 s — {r.Name}: {instances:N0} instances in {r.Elapsed.TotalSeconds:F2} s; " +
                    $"linear projection to 250,000: {projected:F2} s → {(projected <= 5 ? "MET" : "NOT MET")}{(instances < 250_000 ? " (projected; rerun with --entities to measure)" : string.Empty)}");
            }
        }
    }
}
