using System.Diagnostics;
using System.Globalization;
using System.Text;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Masters.SeedCatalog;
using ComplianceOs.Domain.Notifications.Reminders;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace ComplianceOs.Benchmarks.Jobs;

/// <summary>
/// <c>jobs</c>: what the hourly recompute and the reminder sweep cost over every tenant at a million instances.
/// This process builds the world (the <c>generation</c> benchmark's tenants and entity profiles, with escalation
/// contacts, one financial year generated through the Domain handlers), ANALYZEs it as the owner and then starts
/// <c>jobs-measure</c> as a process of its own, so the peak working set it reports is that of the measured work
/// alone (a high-water mark would otherwise keep the world building's). The measuring process calls the same Domain
/// handlers the per-tenant jobs call — one tenant per call, 1, 2 and 4 calls at a time like Hangfire workers — with
/// a <see cref="BenchClock"/> as their <see cref="TimeProvider"/>; and the all-tenants sweep the <c>remind-all</c>
/// job runs (<see cref="SweepAllTenantsHandler"/>, one call for every tenant), on the same moments.
/// </summary>
public static class JobsBenchmark
{
    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/ComplianceOs.Benchmarks -- jobs [options]

          --scale 1m|250k       1,000 tenants with 14,045 entities (≈ 1,000,000 instances, the default) or with
                                3,511 entities (≈ 250,000); one financial year, ≈ 71.2 instances per entity
          --tenants N           tenants (overrides the scale's 1,000)
          --entities N          legal entities in total, spread evenly (overrides the scale's)
          --parallel L          comma-separated tenants-at-a-time levels measured (default 1,2,4)
          --sweep-day DATE      the reminder sweep's day, a weekday in FY 2025-26 (default 2025-05-19); the sweep runs
                                at 10:00 Asia/Kolkata that day, and 10:00 the next day for "next day"
          --with-index          create the candidate index for the sweep (printed) as the owner before measuring; on
                                a kept database without this flag it is dropped, so A/B runs use the same rows
          --only recompute|sweep|sweep-all  measure only these phases (sweep: the per-tenant sweep and the
                                all-tenants one; sweep-all: the all-tenants one alone)
          --explain             EXPLAIN (ANALYZE, BUFFERS) of the sweep statement (cold and warm) and of the recompute
                                statement on the largest tenant, as the app role, rolled back
          --setup-parallel N    tenants set up at a time (default 4; not measured)
          --gen-parallel N      tenants generated at a time (default 2; not measured)
          --keep-database       do not drop the benchmark database at the end (prints its name)
          --database NAME       measure again on a database a run kept (no world building; the database is kept)

        Connection strings: ConnectionStrings__ComplianceDbOwner and ConnectionStrings__ComplianceDb
        (defaults: the local cluster on 127.0.0.1:55432 started by ./run.sh or ./test.sh).
        """;

    /// <summary>The extra tenant the measuring process warms up on (JIT, EF model, pools); in no figure.</summary>
    public const string WarmupTenant = "Bench Warm-up";

    /// <summary>
    /// What <c>--with-index</c> creates: a tenant's open work by due date in force — exactly the rows a sweep can
    /// remind about (every recipient needs the work open; nothing not yet due for the first stage is in force).
    /// </summary>
    public const string IndexName = "ix_bench_compliance_instances_open_due";

    public const string IndexDdl =
        $"CREATE INDEX IF NOT EXISTS {IndexName} ON compliance_instances (tenant_id, (coalesce(extended_due_date, statutory_due_date))) " +
        "WHERE status NOT IN ('Approved', 'Filed')";

    private const double RecomputeTargetSeconds = 20;
    private const double RecomputeTargetInstances = 1_000_000;
    private const double SweepTargetSeconds = 2;

    // USER_HZ: /proc reports CPU in these ticks (100 on Linux, whatever the kernel's HZ).
    private const double ClockTicksPerSecond = 100;

    // Recompute alternates between these two days (about half the rows change each time); the world is generated
    // with the second as today, so the first cold run changes rows.
    private static readonly LocalDate DayA = new(2025, 9, 30);
    private static readonly LocalDate DayB = World.WindowToday;
    private static readonly LocalTime TenAm = new(10, 0);

    private sealed record Options(
        string Scale, int Tenants, int Entities, IReadOnlyList<int> Parallel, LocalDate SweepDay, bool WithIndex, bool Explain,
        int SetupParallel, int GenParallel, bool Keep, string? Database, string? Only);

    /// <summary>The <c>jobs</c> command: builds the world (unless <c>--database</c>), then measures in a child process.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var o = Parse(args, out var exit);
        if (o is null)
        {
            return exit;
        }

        Console.WriteLine($"== Compliance OS benchmark: the jobs over every tenant ({o.Scale}: {o.Tenants:N0} tenants, {o.Entities:N0} entities) ==");
        Header();
        var database = o.Database is null ? await BenchDatabase.CreateAsync() : BenchDatabase.Existing(o.Database);
        Console.WriteLine(o.Database is null
            ? $"database: {database.Name} (created as the owner; everything measured runs as the app role)"
            : $"database: {database.Name} (kept by an earlier run; no world building)");
        try
        {
            if (o.Database is null)
            {
                await BuildAsync(database, o);
            }
            else
            {
                var applied = await DatabaseMigrator.MigrateAsync(database.OwnerConnectionString);
                Console.WriteLine($"migrated the kept database: {applied.Count} migration(s) applied");
            }

            var analyze = Stopwatch.StartNew();
            await OwnerExecAsync(database, "ANALYZE");
            Console.WriteLine($"ANALYZE (every table, as the owner; what autovacuum would have done by now): {analyze.Elapsed.TotalSeconds:F1} s");
            if (o.WithIndex)
            {
                var sw = Stopwatch.StartNew();
                await OwnerExecAsync(database, IndexDdl);
                await OwnerExecAsync(database, "ANALYZE compliance_instances");
                Console.WriteLine($"--with-index: {IndexDdl}; ANALYZE compliance_instances ({sw.Elapsed.TotalSeconds:F1} s)");
            }
            else
            {
                await OwnerExecAsync(database, $"DROP INDEX IF EXISTS {IndexName}");
            }

            Console.WriteLine($"database size: {await OwnerScalarAsync(database, "SELECT pg_size_pretty(pg_database_size(current_database()))")}");
            Console.WriteLine();
            return await RunMeasuringProcessAsync(database, o);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(ex);
            return 1;
        }
        finally
        {
            if (o.Keep || o.Database is not null)
            {
                Console.WriteLine($"kept database {database.Name} (measure again: -- jobs --database {database.Name}; drop it with: DROP DATABASE \"{database.Name}\" WITH (FORCE))");
            }
            else
            {
                await database.DropAsync();
                Console.WriteLine($"dropped database {database.Name}");
            }
        }
    }

    /// <summary>The <c>jobs-measure</c> command (started by <c>jobs</c>): the measured phases on a built database.</summary>
    public static async Task<int> MeasureAsync(string[] args)
    {
        var o = Parse(args, out var exit);
        if (o?.Database is null)
        {
            Console.Error.WriteLine("jobs-measure is started by the jobs benchmark, with --database");
            return o is null ? exit : 2;
        }

        try
        {
            return await new Measurement(BenchDatabase.Existing(o.Database), o).RunAsync();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(ex);
            return 1;
        }
    }

    private static async Task BuildAsync(BenchDatabase database, Options o)
    {
        var migrations = await DatabaseMigrator.MigrateAsync(database.OwnerConnectionString);
        Console.WriteLine($"migrated: {migrations.Count} migrations applied");
        foreach (var (name, value) in await database.ServerSettingsAsync())
        {
            Console.WriteLine($"  postgres {name} = {value}");
        }

        await using var services = new ServiceCollection().AddDomainModule(database.AppConnectionString).BuildServiceProvider();
        var setup = Stopwatch.StartNew();
        var seed = await services.GetRequiredService<SeedCatalogHandler>().HandleAsync(new PlatformContext(Actor.System("bench"), Channel.Cli, "bench"));
        if (!seed.Succeeded)
        {
            throw new InvalidOperationException($"catalog seed failed: {seed}");
        }

        var world = new World(services);
        var tenants = await world.CreateTenantsAsync(o.Tenants, o.Entities, o.SetupParallel, contacts: true);
        var warmup = await world.CreateTenantAsync(-1, WarmupTenant, o.Entities + 1000, 2, contacts: true);
        Console.WriteLine(
            $"world (not measured): {o.Tenants:N0} tenants + 1 warm-up tenant, {o.Entities:N0} + 2 entities (approver = escalation contact, " +
            $"admin = director), {3 * (o.Tenants + 1):N0} users, in {setup.Elapsed.TotalSeconds:F1} s ({o.SetupParallel} at a time)");

        var generation = Stopwatch.StartNew();
        var run = await World.GenerateAllAsync(
            [.. tenants, warmup], services.GetRequiredService<GenerateInstancesHandler>(),
            new GenerateInstancesCommand(World.WindowFrom, World.WindowTo, World.WindowToday), o.GenParallel);
        Console.WriteLine(
            $"generation (not measured): {run.Created:N0} instances for FY {World.WindowFrom:uuuu-MM-dd}..{World.WindowTo:uuuu-MM-dd} (today {World.WindowToday:uuuu-MM-dd}) " +
            $"in {generation.Elapsed.TotalSeconds:F1} s ({run.Created / generation.Elapsed.TotalSeconds:N0}/s, {o.GenParallel} at a time)");
    }

    private static async Task<int> RunMeasuringProcessAsync(BenchDatabase database, Options o)
    {
        var dll = typeof(JobsBenchmark).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var a in new[] { dll, "jobs-measure", "--database", database.Name, "--parallel", string.Join(',', o.Parallel), "--sweep-day", o.SweepDay.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        if (o.Explain)
        {
            info.ArgumentList.Add("--explain");
        }

        if (o.Only is not null)
        {
            info.ArgumentList.Add("--only");
            info.ArgumentList.Add(o.Only);
        }


        Console.WriteLine($"measuring process: dotnet {string.Join(' ', info.ArgumentList.Skip(1))}");
        using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start the measuring process");
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    /// <summary>The measured phases, in the measuring process.</summary>
    private sealed class Measurement(BenchDatabase database, Options o)
    {
        private readonly BenchClock _clock = new();
        private readonly List<PhaseResult> _results = [];
        private readonly List<(string Name, double[] Ms, IReadOnlyList<(string Kind, int Count, TimeSpan Total)> Db, TimeSpan Wall, int Parallel, double ClientCpu, double ServerCpu)> _details = [];
        private Guid[] _tenants = [];
        private long _instances;

        public async Task<int> RunAsync()
        {
            Console.WriteLine($"== measuring process {Environment.ProcessId}: peak working set at start {Report.PeakMb():F0} MB ==");
            await using var services = new ServiceCollection().AddSingleton<TimeProvider>(_clock).AddDomainModule(database.AppConnectionString).BuildServiceProvider();
            var recompute = services.GetRequiredService<RecomputeTenantHandler>();
            var sweep = services.GetRequiredService<SweepRemindersHandler>();
            var sweepAll = services.GetRequiredService<SweepAllTenantsHandler>();
            var dbs = services.GetRequiredService<ComplianceDbFactory>();
            using var profiler = new DbActivityProfiler();

            var warmup = await LoadTenantsAsync();
            Console.WriteLine($"tenants: {_tenants.Length:N0}, instances: {_instances:N0} ({_instances / (double)_tenants.Length:F0} per tenant), " +
                              $"workflow tasks: {await OwnerScalarAsync(database, "SELECT count(*) FROM workflow_tasks"):N0}");
            Console.WriteLine($"due dates in force by month: {await OwnerScalarAsync(database, "SELECT string_agg(m || ' ' || n, ', ' ORDER BY m) FROM (SELECT to_char(coalesce(extended_due_date, statutory_due_date), 'YYYY-MM') m, count(*) n FROM compliance_instances GROUP BY 1) x")}");

            async Task<int> RecomputeOne(Guid tenant, CancellationToken ct) => await recompute.HandleAsync(tenant, today: null, ct);
            async Task<int> SweepOne(Guid tenant, CancellationToken ct)
            {
                var r = await sweep.HandleAsync(tenant, ct);
                return r.Held ? throw new InvalidOperationException($"the sweep held at {r.TenantTime} (quiet hours): choose a weekday") : r.Queued;
            }

            // The all-tenants sweep decides for every active tenant; the warm-up tenant is left out of the measured
            // runs (made inactive meanwhile) so its counts compare with the per-tenant sweep's.
            async Task<int> SweepAll(CancellationToken ct)
            {
                var r = await sweepAll.HandleAsync(ct);
                return r.HeldTenants > 0 ? throw new InvalidOperationException($"the all-tenants sweep held {r.HeldTenants} tenant(s) (quiet hours): choose a weekday") : r.Queued;
            }

            // Warm-up (excluded), on the warm-up tenant only: EF model, pools, JIT of the handlers' paths.
            var warm = Stopwatch.StartNew();
            for (var round = 0; round < 30; round++)
            {
                foreach (var day in new[] { DayA, DayB, o.SweepDay })
                {
                    _clock.Set(day.At(TenAm));
                    await RecomputeOne(warmup, default);
                    await SweepOne(warmup, default);
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            await OwnerExecAsync(database, "TRUNCATE notifications");

            Console.WriteLine($"warm-up on the warm-up tenant (excluded): {warm.Elapsed.TotalSeconds:F2} s; peak working set {Report.PeakMb():F0} MB");

            // Then one pass of each handler over every tenant (excluded), so the first measured phase carries no
            // one-off costs (the rest of the JIT's tiering, first connections): the recompute as of the world's
            // day, which changes nothing on a fresh world and brings a kept one back to it (--database), and a sweep
            // on the first day of the window, whose few reminders are then removed.
            _clock.Set(DayB.At(TenAm));
            var pass = await AllAsync(profiler, "warm-up pass: recompute", o.Parallel.Max(), RecomputeOne);
            _clock.Set(World.WindowFrom.At(TenAm));
            var sweepPass = await AllAsync(profiler, "warm-up pass: sweep", o.Parallel.Max(), SweepOne);
            _details.Clear();
            await OwnerExecAsync(database, "TRUNCATE notifications");
            Console.WriteLine(
                $"warm-up passes over every tenant (excluded): recompute as of {DayB:uuuu-MM-dd} {pass.Elapsed.TotalSeconds:F1} s ({pass.RowsChanged:N0} rows changed), " +
                $"sweep at {World.WindowFrom:uuuu-MM-dd} 10:00 {sweepPass.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine();

            // ------------------------------------------------------------ recompute of every tenant, as the hourly job
            var current = DayB;
            foreach (var p in o.Only is null or "recompute" ? o.Parallel : [])
            {
                var flip = current >= DayB ? DayA : DayB;
                _clock.Set(flip.At(TenAm));
                _results.Add(await AllAsync(profiler, $"recompute cold ({p} at a time; today {flip:uuuu-MM-dd} after {current:uuuu-MM-dd})", p, RecomputeOne));
                _results.Add(await AllAsync(profiler, $"recompute warm ({p} at a time; same day again)", p, RecomputeOne));
                current = flip.PlusDays(1);
                _clock.Set(current.At(TenAm));
                _results.Add(await AllAsync(profiler, $"recompute next day ({p} at a time; today {current:uuuu-MM-dd})", p, RecomputeOne));
            }

            // ------------------------------------------------------------ reminder sweep of every tenant
            var sweepAt = o.SweepDay.At(TenAm);
            var nextDay = o.SweepDay.PlusDays(1).At(TenAm);
            string? byStage = null;
            foreach (var p in o.Only is null or "sweep" ? o.Parallel : [])
            {
                await OwnerExecAsync(database, "TRUNCATE notifications");
                _clock.Set(sweepAt);
                _results.Add(await AllAsync(profiler, $"sweep cold ({p} at a time; first sweep, {sweepAt:uuuu-MM-dd ddd HH:mm} Asia/Kolkata)", p, SweepOne));
                byStage ??= await OwnerScalarAsync(database, "SELECT string_agg(stage || ' ' || n, ', ' ORDER BY n DESC) FROM (SELECT stage, count(*) n FROM notifications GROUP BY stage) x");
                _results.Add(await AllAsync(profiler, $"sweep warm ({p} at a time; same moment again)", p, SweepOne));
                _clock.Set(nextDay);
                _results.Add(await AllAsync(profiler, $"sweep next day ({p} at a time; {nextDay:uuuu-MM-dd ddd HH:mm})", p, SweepOne));
            }

            // ------------------------------------------------------------ the all-tenants sweep: one statement
            if (o.Only is null or "sweep" or "sweep-all")
            {
                await OwnerExecAsync(database, $"UPDATE tenants SET is_active = false WHERE name = '{WarmupTenant}'");
                try
                {
                    // Warm-up (excluded): the statement once, the pool's connection and its plan; then removed.
                    _clock.Set(World.WindowFrom.At(TenAm));
                    var warmAll = await OneAsync(profiler, "warm-up: all-tenants sweep", SweepAll);
                    _details.RemoveAt(_details.Count - 1);
                    Console.WriteLine($"  (excluded: {warmAll.Elapsed.TotalSeconds:F2} s)");
                    await OwnerExecAsync(database, "TRUNCATE notifications");
                    _clock.Set(sweepAt);
                    _results.Add(await OneAsync(profiler, $"all-tenants sweep cold (one statement; {sweepAt:uuuu-MM-dd ddd HH:mm} Asia/Kolkata)", SweepAll));
                    byStage ??= await OwnerScalarAsync(database, "SELECT string_agg(stage || ' ' || n, ', ' ORDER BY n DESC) FROM (SELECT stage, count(*) n FROM notifications GROUP BY stage) x");
                    _results.Add(await OneAsync(profiler, "all-tenants sweep warm (same moment again)", SweepAll));
                    _clock.Set(nextDay);
                    _results.Add(await OneAsync(profiler, $"all-tenants sweep next day ({nextDay:uuuu-MM-dd ddd HH:mm})", SweepAll));
                }
                finally
                {
                    await OwnerExecAsync(database, $"UPDATE tenants SET is_active = true WHERE name = '{WarmupTenant}'");
                }
            }

            Console.WriteLine();
            Report.Table(_results);
            Console.WriteLine("(for the sweep, changed = reminders it queued)");
            Console.WriteLine($"first cold sweep queued, by stage: {byStage}");
            Console.WriteLine();
            Console.WriteLine("per-tenant ms and where the time goes (Npgsql activity durations, summed over tenants):");
            foreach (var d in _details)
            {
                Console.WriteLine(d.Ms.Length == 1
                    ? $"  {d.Name}: one call for every tenant, {d.Ms[0]:F0} ms; CPU {d.ClientCpu:F2} s here + {d.ServerCpu:F2} s in PostgreSQL"
                    : $"  {d.Name}: {Report.Spread(d.Ms)}; CPU per tenant {1000 * d.ClientCpu / d.Ms.Length:F2} ms here + {1000 * d.ServerCpu / d.Ms.Length:F2} ms in PostgreSQL");
                foreach (var (kind, count, total) in d.Db)
                {
                    Console.WriteLine($"    {total.TotalSeconds,7:F2} s {100 * total.TotalSeconds / (d.Wall.TotalSeconds * d.Parallel),5:F1}%  {count,6}×  {kind}");
                }
            }

            if (o.Explain)
            {
                await ExplainAsync(dbs, sweep);
            }

            Targets();
            Console.WriteLine($"peak working set of the measuring process: {Report.PeakMb():F0} MB");
            return 0;
        }

        private async Task<Guid> LoadTenantsAsync()
        {
            await using var c = new NpgsqlConnection(database.OwnerConnectionString);
            await c.OpenAsync();
            var tenants = new List<Guid>();
            Guid? warmup = null;
            await using (var cmd = new NpgsqlCommand("SELECT id, name FROM tenants ORDER BY name", c))
            await using (var r = await cmd.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    if (r.GetString(1) == WarmupTenant)
                    {
                        warmup = r.GetGuid(0);
                    }
                    else
                    {
                        tenants.Add(r.GetGuid(0));
                    }
                }
            }

            _tenants = [.. tenants];
            await using var count = new NpgsqlCommand("SELECT count(*) FROM compliance_instances WHERE tenant_id <> $1", c);
            count.Parameters.Add(new NpgsqlParameter { Value = warmup ?? Guid.Empty });
            _instances = (long)(await count.ExecuteScalarAsync())!;
            return warmup ?? throw new InvalidOperationException($"no tenant named '{WarmupTenant}': not a database the jobs benchmark built");
        }

        /// <summary>One call for every tenant (the all-tenants sweep), measured as <see cref="AllAsync"/> measures a level.</summary>
        private async Task<PhaseResult> OneAsync(DbActivityProfiler profiler, string name, Func<CancellationToken, Task<int>> all)
        {
            var alloc = GC.GetTotalAllocatedBytes(true);
            var serverBefore = await BackendCpuAsync();
            var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
            profiler.Start();
            var clock = Stopwatch.StartNew();
            var rows = await all(default);
            clock.Stop();
            var db = profiler.Stop();
            var client = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds;
            var serverAfter = await BackendCpuAsync();
            var server = serverAfter.Sum(b => b.Value - serverBefore.GetValueOrDefault(b.Key)) / ClockTicksPerSecond;
            _details.Add((name, [clock.Elapsed.TotalMilliseconds], db, clock.Elapsed, 1, client, server));
            var result = PhaseResult.Of(name, _instances, clock.Elapsed, rows, alloc);
            Console.WriteLine($"  {name}: {clock.Elapsed.TotalSeconds:F2} s, {rows:N0} rows, CPU {client:F2} s here + {server:F2} s in PostgreSQL, peak {result.PeakMb:F0} MB");
            return result;
        }

        private async Task<PhaseResult> AllAsync(DbActivityProfiler profiler, string name, int parallel, Func<Guid, CancellationToken, Task<int>> one)
        {
            var ms = new double[_tenants.Length];
            long rows = 0;
            var alloc = GC.GetTotalAllocatedBytes(true);
            var serverBefore = await BackendCpuAsync();
            var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
            profiler.Start();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, _tenants.Length),
                new ParallelOptions { MaxDegreeOfParallelism = parallel },
                async (i, ct) =>
                {
                    var start = Stopwatch.GetTimestamp();
                    Interlocked.Add(ref rows, await one(_tenants[i], ct));
                    ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                });
            clock.Stop();
            var db = profiler.Stop();
            var client = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds;
            var serverAfter = await BackendCpuAsync();
            var server = serverAfter.Sum(b => b.Value - serverBefore.GetValueOrDefault(b.Key)) / ClockTicksPerSecond;
            _details.Add((name, ms, db, clock.Elapsed, parallel, client, server));
            var result = PhaseResult.Of(name, _instances, clock.Elapsed, rows, alloc);
            Console.WriteLine($"  {name}: {clock.Elapsed.TotalSeconds:F2} s, {rows:N0} rows, CPU {client:F2} s here + {server:F2} s in PostgreSQL, peak {result.PeakMb:F0} MB");
            return result;
        }

        /// <summary>
        /// CPU ticks (user + system, /proc/PID/stat) of the app role's server processes on the benchmark database, by
        /// pid: PostgreSQL runs on this machine, and the pool keeps its connections between phases.
        /// </summary>
        private async Task<Dictionary<int, long>> BackendCpuAsync()
        {
            var ticks = new Dictionary<int, long>();
            var role = new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username;
            await using var c = new NpgsqlConnection(database.OwnerConnectionString);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND usename = $1", c);
            cmd.Parameters.Add(new NpgsqlParameter { Value = role });
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                var pid = r.GetInt32(0);
                try
                {
                    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
                    var stat = await File.ReadAllTextAsync($"/proc/{pid}/stat");
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // Not on this machine, or gone: left out.
                }
            }

            return ticks;
        }

        private void Targets()
        {
            Console.WriteLine();
            var scaled = RecomputeTargetSeconds * _instances / RecomputeTargetInstances;
            Console.WriteLine($"targets (this run: {_instances:N0} instances; recompute target {RecomputeTargetSeconds} s per {RecomputeTargetInstances:N0} → {scaled:F1} s here; sweep ≤ {SweepTargetSeconds} s):");
            foreach (var r in _results)
            {
                var target = r.Name.StartsWith("recompute", StringComparison.Ordinal) ? scaled : SweepTargetSeconds;
                Console.WriteLine($"  {r.Name}: {r.Elapsed.TotalSeconds:F2} s ≤ {target:F2} s → {(r.Elapsed.TotalSeconds <= target ? "MET" : "NOT MET")}");
            }

            Console.WriteLine("  memory: compare this peak with the other size's (a separate run); target: 1M within 64 MB of 250k");
        }

        /// <summary>
        /// The sweep's statement on the largest tenant, cold (nothing queued yet for it) and warm, and the recompute
        /// statement, under EXPLAIN (ANALYZE, BUFFERS) as the app role inside the tenant's scope; all rolled back.
        /// </summary>
        private async Task ExplainAsync(ComplianceDbFactory dbs, SweepRemindersHandler sweep)
        {
            var largest = Guid.Parse(await OwnerScalarAsync(database, "SELECT tenant_id::text FROM compliance_instances GROUP BY tenant_id ORDER BY count(*) DESC, tenant_id LIMIT 1"));
            Console.WriteLine();
            Console.WriteLine($"== EXPLAIN (ANALYZE, BUFFERS), largest tenant ({largest}), as the app role, rolled back ==");
            await OwnerExecAsync(database, "TRUNCATE notifications");
            _clock.Set(o.SweepDay.At(TenAm));
            Console.WriteLine($"-- sweep, cold ({o.SweepDay:uuuu-MM-dd} 10:00):");
            Console.WriteLine(await ExplainSweepAsync(dbs, largest, o.SweepDay));
            await sweep.HandleAsync(largest);
            Console.WriteLine("-- sweep, warm (same moment, after a real sweep):");
            Console.WriteLine(await ExplainSweepAsync(dbs, largest, o.SweepDay));
            Console.WriteLine($"-- recompute, warm and cold ({DayA:uuuu-MM-dd} / {DayB:uuuu-MM-dd}):");
            foreach (var day in new[] { DayA, DayB })
            {
                Console.WriteLine(await InternalProbe.CompareRecomputeAsync(dbs, largest, day, 60));
            }
        }

        private async Task<string> ExplainSweepAsync(ComplianceDbFactory dbs, Guid tenant, LocalDate day)
        {
            // The default matrix expanded as the handler expands it (the benchmark's tenants keep the defaults).
            var stages = EscalationMatrix.Default;
            var rows = stages.SelectMany((s, i) => s.To.Select(to => (s.Stage, s.DaysFromDue, Until: i + 1 < stages.Count ? stages[i + 1].DaysFromDue : int.MaxValue / 2, To: to.ToString()))).ToList();
            await using var db = dbs.ForTenant(tenant);
            await using var tx = await db.Database.BeginTransactionAsync();
            await using var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + InternalProbe.SweepSql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction());
            cmd.Parameters.Add(new NpgsqlParameter { Value = tenant });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Stage).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.DaysFromDue).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Until).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.To).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = day });
            cmd.Parameters.Add(new NpgsqlParameter { Value = Instant.FromDateTimeOffset(_clock.GetUtcNow()) });
            var plan = new StringBuilder();
            await using (var r = await cmd.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    plan.AppendLine("    " + r.GetString(0));
                }
            }

            await tx.RollbackAsync();
            return plan.ToString();
        }
    }

    private static async Task OwnerExecAsync(BenchDatabase database, string sql)
    {
        await using var c = new NpgsqlConnection(database.OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> OwnerScalarAsync(BenchDatabase database, string sql)
    {
        await using var c = new NpgsqlConnection(database.OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 600 };
        return Convert.ToString(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static void Header()
    {
        Console.WriteLine(
            $"machine: {Environment.ProcessorCount} logical CPUs, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:F1} GB available to .NET, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, " +
            $"GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        }
#if DEBUG
        Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth quoting.");
#endif
    }

    private static Options? Parse(string[] args, out int exit)
    {
        exit = 2;
        string scale = "1m";
        int? tenants = null, entities = null;
        int setup = 4, gen = 2;
        IReadOnlyList<int> parallel = [1, 2, 4];
        var sweepDay = new LocalDate(2025, 5, 19);
        bool withIndex = false, explain = false, keep = false;
        string? database = null, only = null;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            try
            {
                switch (a)
                {
                    case "--scale":
                        scale = Next().ToLowerInvariant();
                        if (scale is not ("1m" or "250k"))
                        {
                            throw new ArgumentException("--scale is 1m or 250k");
                        }

                        break;
                    case "--tenants": tenants = Positive(a, Next()); break;
                    case "--entities": entities = Positive(a, Next()); break;
                    case "--setup-parallel": setup = Positive(a, Next()); break;
                    case "--gen-parallel": gen = Positive(a, Next()); break;
                    case "--parallel":
                        parallel = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => Positive(a, s)).ToList();
                        break;
                    case "--sweep-day":
                        sweepDay = LocalDate.FromDateTime(DateTime.ParseExact(Next(), "yyyy-MM-dd", CultureInfo.InvariantCulture));
                        break;
                    case "--with-index": withIndex = true; break;
                    case "--explain": explain = true; break;
                    case "--only":
                        only = Next();
                        if (only is not ("recompute" or "sweep" or "sweep-all"))
                        {
                            throw new ArgumentException("--only is recompute, sweep or sweep-all");
                        }

                        break;
                    case "--keep-database": keep = true; break;
                    case "--database":
                        database = Next();
                        if (!database.StartsWith("complianceos_bench_", StringComparison.Ordinal))
                        {
                            throw new ArgumentException("--database takes the name of a benchmark database (complianceos_bench_…)");
                        }

                        break;
                    case "--help" or "-h":
                        Console.Error.WriteLine(Usage);
                        exit = 0;
                        return null;
                    default: throw new ArgumentException($"unknown option {a}");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(Usage);
                return null;
            }
        }

        var t = tenants ?? 1000;
        var e = entities ?? (scale == "250k" ? 3_511 : 14_045);
        if (e < t || parallel.Count == 0)
        {
            Console.Error.WriteLine("--entities must be at least --tenants, and --parallel needs a level");
            return null;
        }

        if (sweepDay.DayOfWeek == IsoDayOfWeek.Sunday || sweepDay.PlusDays(1).DayOfWeek == IsoDayOfWeek.Sunday
            || sweepDay < World.WindowFrom || sweepDay >= World.WindowTo)
        {
            Console.Error.WriteLine("--sweep-day must be in FY 2025-26, and neither it nor the next day a Sunday (quiet by default)");
            return null;
        }

        return new Options(tenants is null && entities is null ? scale : "custom", t, e, parallel, sweepDay, withIndex, explain, setup, gen, keep, database, only);
    }

    private static int Positive(string name, string value)
    {
        var n = int.Parse(value, CultureInfo.InvariantCulture);
        return n > 0 ? n : throw new ArgumentException($"{name} must be positive");
    }
}
