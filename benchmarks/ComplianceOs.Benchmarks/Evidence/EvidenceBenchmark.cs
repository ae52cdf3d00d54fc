using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using ComplianceOs.Benchmarks.Conversation;
using ComplianceOs.Benchmarks.Jobs;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.EvidenceVault;
using ComplianceOs.Domain.EvidenceVault.Storage;
using ComplianceOs.Domain.EvidenceVault.Upload;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace ComplianceOs.Benchmarks.Evidence;

/// <summary>
/// <c>evidence</c>: the evidence vault's upload path against a plain Azure SDK upload of the same bytes to the same
/// Azurite (issue 9 §5). This process builds a database with the demo world, raises Acme's evidence limit, starts
/// Azurite, and then, for every size and round, starts <c>evidence-measure</c> once per method — alternating which
/// goes first — so each measured upload has a process (and a peak working set) of its own. The measuring process
/// warms its method up on a 1 MB upload, then times one upload of the size: the product through
/// <see cref="UploadEvidenceHandler.HandleAsync"/> (checks, staging with SHA-256 into uncommitted blocks and a local
/// copy, inspection, the row and its audit entry, the commit), the plain method through
/// <see cref="BlobClient.UploadAsync(Stream, bool, CancellationToken)"/> with the SDK's default transfer options.
/// Both read the same bytes from the same kind of non-seekable generator (<see cref="PdfGeneratorStream"/>).
/// </summary>
public static class EvidenceBenchmark
{
    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/ComplianceOs.Benchmarks -- evidence [options]

          --sizes L          comma-separated file sizes in MB (MiB: 1 MB = 1,048,576 bytes); default 1,10,100
          --runs N           measured uploads per size and method, each in a process of its own (default 3); the
                             figures are medians
          --warmups N        uploads of 1 MB each measuring process makes with its method first, not measured
                             (default 3: the path's code past the JIT's first tier, the database pool open)
          --keep-database    do not drop the benchmark database at the end (prints its name)

        Needs PostgreSQL (ConnectionStrings__ComplianceDbOwner / ConnectionStrings__ComplianceDb; defaults: the local
        cluster on 127.0.0.1:55432) and Azurite 3.35.0 in tests/js/node_modules (`npm ci` in tests/js), which the
        benchmark starts itself on a free port (in-memory) and stops at the end. Environment variables reach the
        measuring processes too (e.g. DOTNET_gcServer=1 measures with the server GC, as the bot host runs).
        """;

    public const string Product = "product";
    public const string Plain = "plain";
    public const string Container = "evidence-bench";
    public const string Kind = "challan";
    public const int WarmupMb = 1;
    public const long Mb = 1024 * 1024;

    // Targets (issue 9 §5).
    private const double RatioTarget = 1.3;
    private const double MemoryGrowthTargetMb = 32;

    private static readonly LocalDate SeedDay = new(2026, 11, 22);
    private static readonly LocalTime Noon = new(12, 0);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private sealed record Options(IReadOnlyList<int> SizesMb, int Runs, int Warmups, bool Keep);

    /// <summary>What one measuring process reports (one line, <c>RESULT {json}</c>).</summary>
    public sealed record Measurement(
        string Method, int SizeMb, int Round, int Seed, long Bytes, string Sha256,
        double Ms, double CpuMs, double AzuriteCpuMs, double WarmupMs,
        double PeakStartMb, double PeakBeforeMb, double WorkingSetBeforeMb, double PeakMb, double WorkingSetAfterMb,
        double AllocatedMb, int Gen0, int Gen1, int Gen2, double HeapAfterMb,
        double StageMs, double CommitMs, double AbandonMs, double DbMs, int DbCommands, string Sql);

    /// <summary>The <c>evidence</c> command.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var o = Parse(args, out var exit);
        if (o is null)
        {
            return exit;
        }

        Console.WriteLine($"== Compliance OS benchmark: evidence uploads through the vault vs a plain Azure SDK upload, to Azurite ({string.Join(", ", o.SizesMb.Select(s => $"{s} MB"))}; {o.Runs} run(s) each) ==");
        Header();
        var root = ConversationBenchmark.RepoRoot();
        var database = await BenchDatabase.CreateAsync();
        Console.WriteLine($"database: {database.Name} (created as the owner; uploads run as the app role)");
        AzuriteProcess? azurite = null;
        try
        {
            var instanceId = await BuildAsync(database, o);
            azurite = await AzuriteProcess.StartAsync(root);
            Console.WriteLine($"azurite: pid {azurite.Pid}, http://127.0.0.1:{azurite.Port}/devstoreaccount1 (in-memory; {Path.GetRelativePath(root, AzuriteProcess.EntryPoint(root))}), container '{Container}'");
            Console.WriteLine();

            var results = new List<Measurement>();
            foreach (var size in o.SizesMb)
            {
                for (var round = 0; round < o.Runs; round++)
                {
                    // Alternate which method goes first, so drift in the machine's load falls on both.
                    foreach (var method in round % 2 == 0 ? new[] { Product, Plain } : [Plain, Product])
                    {
                        var m = await MeasureInChildAsync(database, azurite, o, instanceId, method, size, round);
                        results.Add(m);
                        Console.WriteLine(
                            $"  {m.SizeMb,4} MB {m.Method,-7} round {m.Round + 1}: {m.Ms,8:F0} ms (CPU {m.CpuMs,6:F0} ms here, {m.AzuriteCpuMs,6:F0} ms Azurite), " +
                            $"peak {m.PeakMb,4:F0} MB (before {m.PeakBeforeMb:F0}, working set before {m.WorkingSetBeforeMb:F0}), allocated {m.AllocatedMb,6:F1} MB, " +
                            $"GCs {m.Gen0}/{m.Gen1}/{m.Gen2}" +
                            (m.Method == Product ? $"; stage {m.StageMs:F0} ms, commit {m.CommitMs:F0} ms, clean-up {m.AbandonMs:F0} ms, rest {m.Ms - m.StageMs - m.CommitMs - m.AbandonMs:F0} ms ({m.DbCommands} SQL commands {m.DbMs:F0} ms)" : string.Empty));
                    }

                    var pair = results.TakeLast(2).ToList();
                    if (pair[0].Sha256 != pair[1].Sha256)
                    {
                        throw new InvalidOperationException($"{size} MB round {round + 1}: the two methods did not upload the same bytes ({pair[0].Sha256} vs {pair[1].Sha256})");
                    }
                }

                Console.WriteLine($"  (Azurite's resident set after {size} MB: {azurite.ResidentMb():F0} MB; each measuring process deletes its blobs)");
            }

            Report(results, o);
            if (File.Exists("/proc/loadavg"))
            {
                Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
            }

            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(ex);
            if (azurite is not null && azurite.Errors.Length > 0)
            {
                Console.Error.WriteLine($"Azurite's stderr: {azurite.Errors}");
            }

            return 1;
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
                Console.WriteLine("azurite stopped");
            }

            if (o.Keep)
            {
                Console.WriteLine($"kept database {database.Name} (drop it with: DROP DATABASE \"{database.Name}\" WITH (FORCE))");
            }
            else
            {
                await database.DropAsync();
                Console.WriteLine($"dropped database {database.Name}");
            }
        }
    }

    /// <summary>The <c>evidence-measure</c> command (started by <c>evidence</c>): one warm-up, then one measured upload.</summary>
    public static async Task<int> MeasureAsync(string[] args)
    {
        try
        {
            var a = ChildArgs.Parse(args);
            var m = await MeasureOneAsync(a);
            Console.WriteLine("RESULT " + JsonSerializer.Serialize(m, Json));
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(ex);
            return 1;
        }
    }

    /// <summary>Migrates, seeds the demo world as of 2026-11-22, raises Acme's limit; returns the instance the uploads go to.</summary>
    private static async Task<Guid> BuildAsync(BenchDatabase database, Options o)
    {
        var migrations = await DatabaseMigrator.MigrateAsync(database.OwnerConnectionString);
        Console.WriteLine($"migrated: {migrations.Count} migrations applied");
        var clock = new BenchClock();
        clock.Set(SeedDay.At(Noon));
        var setup = Stopwatch.StartNew();
        await using (var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock).AddDomainModule(database.AppConnectionString).BuildServiceProvider())
        {
            // Through the same commands people use; a failed step throws.
            await services.GetRequiredService<DemoSeed>().RunAsync(SeedDay);
        }

        Console.WriteLine($"world (not measured): the demo world seeded as of {SeedDay:uuuu-MM-dd} in {setup.Elapsed.TotalSeconds:F1} s");

        await using var c = new NpgsqlConnection(database.OwnerConnectionString);
        await c.OpenAsync();
        Guid instanceId;
        string status;
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT i.id, i.status FROM compliance_instances i JOIN compliance_masters m ON m.id = i.master_id
            WHERE i.tenant_id = $1 AND i.entity_id = $2 AND m.code = 'GSTR3B' AND i.period_key = '2026-10'
            """, c))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = DemoWorld.Acme.TenantId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = DemoWorld.Acme.IndiaEntityId });
            await using var r = await cmd.ExecuteReaderAsync();
            if (!await r.ReadAsync())
            {
                throw new InvalidOperationException("no GSTR3B 2026-10 obligation for Acme India Pvt Ltd after seeding");
            }

            (instanceId, status) = (r.GetGuid(0), r.GetString(1));
        }

        var limit = Limit(o);
        await using (var cmd = new NpgsqlCommand("UPDATE tenants SET max_evidence_bytes = $1 WHERE id = $2", c))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
            cmd.Parameters.Add(new NpgsqlParameter { Value = DemoWorld.Acme.TenantId });
            await cmd.ExecuteNonQueryAsync();
        }

        Console.WriteLine(
            $"uploads: Priya Sharma (Owner, Acme India) → GSTR3B 2026-10 of Acme India Pvt Ltd ({instanceId}, {status}), slot '{Kind}'; " +
            $"tenant's max_evidence_bytes raised to {limit:N0} ({limit / Mb} MB) as the owner, Evidence:MaxUploadBytes the same");
        return instanceId;
    }

    private static long Limit(Options o) => Math.Max(200, o.SizesMb.Max() + 1) * Mb;

    private static async Task<Measurement> MeasureInChildAsync(BenchDatabase database, AzuriteProcess azurite, Options o, Guid instanceId, string method, int sizeMb, int round)
    {
        var dll = typeof(EvidenceBenchmark).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true };
        var seed = (sizeMb * 1000) + round + 1;
        foreach (var a in new[]
                 {
                     dll, "evidence-measure", "--database", database.Name, "--blob-port", azurite.Port.ToString(CultureInfo.InvariantCulture),
                     "--azurite-pid", azurite.Pid.ToString(CultureInfo.InvariantCulture), "--method", method, "--size", sizeMb.ToString(CultureInfo.InvariantCulture),
                     "--round", round.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture),
                     "--warmup-seed", (-100 * seed).ToString(CultureInfo.InvariantCulture), "--instance", instanceId.ToString(),
                     "--limit", Limit(o).ToString(CultureInfo.InvariantCulture), "--warmups", o.Warmups.ToString(CultureInfo.InvariantCulture),
                 })
        {
            info.ArgumentList.Add(a);
        }

        using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start the measuring process");
        Measurement? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<Measurement>(line["RESULT ".Length..], Json);
            }
            else
            {
                Console.WriteLine($"    | {line}");
            }
        }

        await child.WaitForExitAsync();
        return child.ExitCode == 0 && result is not null
            ? result
            : throw new InvalidOperationException($"the measuring process ({method}, {sizeMb} MB, round {round + 1}) failed with exit code {child.ExitCode}");
    }

    private static async Task<Measurement> MeasureOneAsync(ChildArgs a)
    {
        var peakStart = PeakMb();
        var database = BenchDatabase.Existing(a.Database);
        var connection = AzuriteProcess.ConnectionStringFor(a.BlobPort);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Evidence:BlobConnectionString"] = connection,
            ["Evidence:Container"] = Container,
            ["Evidence:MaxUploadBytes"] = a.Limit.ToString(CultureInfo.InvariantCulture),
        }).Build();
        var clock = new BenchClock();
        clock.Set(SeedDay.At(Noon));
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock).AddDomainModule(database.AppConnectionString).AddEvidenceVault(config);

        // The product's store, as AddEvidenceStorage builds it, wrapped to add up the time of each of its calls.
        var registered = services.Single(d => d.ServiceType == typeof(IEvidenceStore));
        services.Remove(registered);
        services.AddSingleton<IEvidenceStore>(sp => new TimedEvidenceStore((IEvidenceStore)registered.ImplementationFactory!(sp)));
        await using var provider = services.BuildServiceProvider();

        var container = new BlobServiceClient(connection).GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync();
        var store = (TimedEvidenceStore)provider.GetRequiredService<IEvidenceStore>();
        var handler = provider.GetRequiredService<UploadEvidenceHandler>();
        var ctx = new CommandContext(DemoWorld.Acme.TenantId, Actor.User(DemoWorld.Acme.PriyaId, "Priya Sharma"), Channel.Teams, "bench-evidence");
        var bytes = a.SizeMb * Mb;
        var stored = new List<string>();

        async Task<string> UploadAsync(long length, int seed)
        {
            await using var content = new PdfGeneratorStream(length, seed);
            if (a.Method == Product)
            {
                var r = await handler.HandleAsync(ctx, new UploadEvidenceCommand(a.Instance, Kind, $"challan-{a.SizeMb}mb-{seed}.pdf", content));
                if (r.Value is not { AlreadyStored: false } receipt)
                {
                    throw new InvalidOperationException($"the vault did not store the upload: {(r.Value is null ? string.Join("; ", r.Errors.Select(e => e.ToString())) : "already stored")}");
                }

                stored.Add(receipt.Evidence.StorageKey);
                return receipt.Evidence.Sha256;
            }

            var name = $"plain/{a.SizeMb}mb-{seed}-{Guid.NewGuid():N}.pdf";
            await container.GetBlobClient(name).UploadAsync(content, overwrite: true);
            stored.Add(name);
            return string.Empty;
        }

        var warm = Stopwatch.StartNew();
        for (var w = 0; w < a.Warmups; w++)
        {
            await UploadAsync(WarmupMb * Mb, a.WarmupSeed - w - 1);
        }

        warm.Stop();
        using var profiler = new DbActivityProfiler();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        store.Reset();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var peakBefore = self.PeakWorkingSet64 / (double)Mb;
        var wsBefore = self.WorkingSet64 / (double)Mb;
        var allocBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var cpuBefore = self.TotalProcessorTime;
        var azuriteBefore = AzuriteProcess.CpuSeconds(a.AzuritePid);

        profiler.Start();
        var clockMs = Stopwatch.StartNew();
        var sha = await UploadAsync(bytes, a.Seed);
        clockMs.Stop();
        var db = profiler.Stop();

        var azuriteAfter = AzuriteProcess.CpuSeconds(a.AzuritePid);
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var peak = self.PeakWorkingSet64 / (double)Mb;
        var wsAfter = self.WorkingSet64 / (double)Mb;
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocBefore) / (double)Mb;
        var gcs = (GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2);
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes / (double)Mb;

        // Checks (not timed): the blob holds the size, and the bytes are the seed's (the parent compares the methods).
        var props = await container.GetBlobClient(stored[^1]).GetPropertiesAsync();
        if (props.Value.ContentLength != bytes)
        {
            throw new InvalidOperationException($"the stored blob holds {props.Value.ContentLength} bytes, not {bytes}");
        }

        if (a.Method == Plain)
        {
            using var sha256 = SHA256.Create();
            await using var again = new PdfGeneratorStream(bytes, a.Seed);
            sha = Convert.ToHexStringLower(await sha256.ComputeHashAsync(again));
        }

        // Azurite keeps blobs in memory: drop this process's, so every run meets the same emulator. (The vault never
        // deletes a committed blob; this is the benchmark cleaning up behind it, with the SDK, as the account.)
        foreach (var name in stored)
        {
            await container.GetBlobClient(name).DeleteIfExistsAsync();
        }

        return new Measurement(
            a.Method, a.SizeMb, a.Round, a.Seed, bytes, sha,
            clockMs.Elapsed.TotalMilliseconds, cpu, (azuriteAfter - azuriteBefore) * 1000, warm.Elapsed.TotalMilliseconds,
            peakStart, peakBefore, wsBefore, peak, wsAfter,
            allocated, gcs.Item1, gcs.Item2, gcs.Item3, heap,
            store.Stage.TotalMilliseconds, store.Commit.TotalMilliseconds, store.Abandon.TotalMilliseconds,
            db.Sum(d => d.Total.TotalMilliseconds), db.Sum(d => d.Count),
            string.Join("; ", db.Select(d => $"{d.Count}× {d.Kind} {d.Total.TotalMilliseconds:F1} ms")));
    }

    private static void Report(IReadOnlyList<Measurement> results, Options o)
    {
        static double Median(IEnumerable<double> xs)
        {
            var s = xs.OrderBy(x => x).ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
        }

        Console.WriteLine();
        Console.WriteLine($"medians of {o.Runs} run(s) per size and method (each its own process, after {o.Warmups} warm-up upload(s) of {WarmupMb} MB with its method; peak = Process.PeakWorkingSet64 at the end):");
        Console.WriteLine($"{"size",6} {"product ms",11} {"plain ms",9} {"ratio",6} {"difference ms",14} {"product MB/s",13} {"plain MB/s",11} {"product peak MB",16} {"plain peak MB",14} {"product alloc MB",17} {"plain alloc MB",15}");
        var rows = new List<Row>();
        foreach (var size in o.SizesMb)
        {
            var p = results.Where(r => r.SizeMb == size && r.Method == Product).ToList();
            var q = results.Where(r => r.SizeMb == size && r.Method == Plain).ToList();
            var row = new Row(size, Median(p.Select(r => r.Ms)), Median(q.Select(r => r.Ms)), Median(p.Select(r => r.PeakMb)), Median(q.Select(r => r.PeakMb)));
            rows.Add(row);
            Console.WriteLine(
                $"{size + " MB",6} {row.Product,11:F0} {row.Plain,9:F0} {row.Ratio,6:F2} {row.Product - row.Plain,14:F0} {size / (row.Product / 1000),13:F0} {size / (row.Plain / 1000),11:F0} " +
                $"{row.ProductPeak,16:F0} {row.PlainPeak,14:F0} {Median(p.Select(r => r.AllocatedMb)),17:F1} {Median(q.Select(r => r.AllocatedMb)),15:F1}");
        }

        Console.WriteLine();
        Console.WriteLine("product, where the time goes (medians): stage = streaming + SHA-256 + local copy + uncommitted blocks; commit = Put Block List; " +
                          "clean-up = the store's abandon after a commit; rest = the handler's checks, inspection, row + audit entry, transactions (SQL = Npgsql command durations)");
        foreach (var size in o.SizesMb)
        {
            var p = results.Where(r => r.SizeMb == size && r.Method == Product).ToList();
            Console.WriteLine(
                $"  {size,4} MB: stage {Median(p.Select(r => r.StageMs)),7:F0} ms, commit {Median(p.Select(r => r.CommitMs)),5:F0} ms, clean-up {Median(p.Select(r => r.AbandonMs)),4:F0} ms, " +
                $"rest {Median(p.Select(r => r.Ms - r.StageMs - r.CommitMs - r.AbandonMs)),5:F0} ms (SQL {Median(p.Select(r => r.DbMs)),4:F0} ms in {Median(p.Select(r => (double)r.DbCommands)):F0} commands); CPU {Median(p.Select(r => r.CpuMs)),6:F0} ms here, {Median(p.Select(r => r.AzuriteCpuMs)),6:F0} ms in Azurite " +
                $"(plain: CPU {Median(results.Where(r => r.SizeMb == size && r.Method == Plain).Select(r => r.CpuMs)),6:F0} ms here, {Median(results.Where(r => r.SizeMb == size && r.Method == Plain).Select(r => r.AzuriteCpuMs)),6:F0} ms in Azurite)");
        }

        if (results.LastOrDefault(r => r.Method == Product) is { } last)
        {
            Console.WriteLine($"  the SQL of one upload ({last.SizeMb} MB, round {last.Round + 1}), by kind (Npgsql commands; BEGIN/COMMIT are not among them): {last.Sql}");
        }

        Console.WriteLine();
        Console.WriteLine($"targets (issue 9 §5):");
        foreach (var r in rows)
        {
            Console.WriteLine($"  {r.Size,4} MB: product / plain = {r.Ratio:F2} ≤ {RatioTarget} → {(r.Ratio <= RatioTarget ? "MET" : "NOT MET")}");
        }

        if (rows is [var smallest, .., var largest])
        {
            var growth = largest.ProductPeak - smallest.ProductPeak;
            Console.WriteLine(
                $"  product peak memory growth {smallest.Size} MB → {largest.Size} MB: {largest.ProductPeak:F0} − {smallest.ProductPeak:F0} = {growth:F0} MB < {MemoryGrowthTargetMb} MB → {(growth < MemoryGrowthTargetMb ? "MET" : "NOT MET")}" +
                (smallest.Size != 1 || largest.Size != 100 ? " (the target is stated for 1 MB → 100 MB)" : string.Empty));
            Console.WriteLine($"  (plain, for comparison: {largest.PlainPeak:F0} − {smallest.PlainPeak:F0} = {largest.PlainPeak - smallest.PlainPeak:F0} MB)");
        }
    }

    private sealed record Row(int Size, double Product, double Plain, double ProductPeak, double PlainPeak)
    {
        public double Ratio => Product / Plain;
    }

    private static double PeakMb()
    {
        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64 / (double)Mb;
    }

    private static void Header()
    {
        Console.WriteLine(
            $"machine: {Environment.ProcessorCount} logical CPUs, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:F1} GB available to .NET, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, " +
            $"GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} (the measuring processes inherit the environment)");
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
        IReadOnlyList<int> sizes = [1, 10, 100];
        var runs = 3;
        var warmups = 3;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            try
            {
                switch (a)
                {
                    case "--sizes":
                        sizes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => Positive(a, s)).Distinct().Order().ToList();
                        if (sizes.Count == 0 || sizes.Max() > 2000)
                        {
                            throw new ArgumentException("--sizes takes sizes from 1 to 2000 MB");
                        }

                        break;
                    case "--runs":
                        runs = Positive(a, Next());
                        if (runs > 100)
                        {
                            throw new ArgumentException("--runs is at most 100");
                        }

                        break;
                    case "--warmups": warmups = Positive(a, Next()); break;
                    case "--keep-database": keep = true; break;
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

        return new Options(sizes, runs, warmups, keep);
    }

    private static int Positive(string name, string value)
    {
        var n = int.Parse(value, CultureInfo.InvariantCulture);
        return n > 0 ? n : throw new ArgumentException($"{name} must be positive");
    }

    /// <summary>The measuring process's arguments (all given by <see cref="MeasureInChildAsync"/>).</summary>
    private sealed record ChildArgs(string Database, int BlobPort, int AzuritePid, string Method, int SizeMb, int Round, int Seed, int WarmupSeed, Guid Instance, long Limit, int Warmups)
    {
        public static ChildArgs Parse(string[] args)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                map[args[i]] = args[i + 1];
            }

            string Get(string name) => map.TryGetValue(name, out var v) ? v : throw new ArgumentException($"evidence-measure is started by the evidence benchmark; {name} is missing");
            int Int(string name) => int.Parse(Get(name), CultureInfo.InvariantCulture);
            var method = Get("--method");
            if (method is not (Product or Plain))
            {
                throw new ArgumentException("--method is product or plain");
            }

            return new ChildArgs(
                Get("--database"), Int("--blob-port"), Int("--azurite-pid"), method, Int("--size"), Int("--round"), Int("--seed"), Int("--warmup-seed"),
                Guid.Parse(Get("--instance")), long.Parse(Get("--limit"), CultureInfo.InvariantCulture), Int("--warmups"));
        }
    }
}
