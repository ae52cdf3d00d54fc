using System.Globalization;

namespace ComplianceOs.Benchmarks;

/// <summary>Command-line options of the <c>generation</c> benchmark.</summary>
public sealed record BenchOptions(
    int Tenants,
    int Entities,
    int GenerationParallelism,
    int SetupParallelism,
    IReadOnlyList<int> RecomputeParallelism,
    bool Profile,
    bool KeepDatabase,
    bool GenerateAsShipped,
    IReadOnlyList<int> ProbeSizes,
    bool Analyze)
{
    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/ComplianceOs.Benchmarks -- generation [options]

          --tenants N            tenants to create (default 100)
          --entities N           legal entities in total, spread evenly over the tenants (default 1000)
          --gen-parallel N       tenants generated concurrently (default 1 = sequential)
          --setup-parallel N     tenants set up concurrently; setup is not measured (default 4)
          --recompute-parallel L comma-separated concurrency levels for the parallel recompute runs (default 2,4; 0 = none)
          --generate-nestloop-off  for comparison, run the measured generation on sessions with enable_nestloop=off, jit=off
                                 (default: the planner as shipped)
          --probe-sizes L        entity counts of the first-generation probes on a fresh database (default 1,2,3,5,10; 0 = none)
          --no-analyze           do not ANALYZE (as the owner) between generation and recompute
          --no-profile           skip the planning-only pass and the EXPLAIN ANALYZE profile
          --keep-database        do not drop the benchmark database at the end (prints its name)

        Connection strings: ConnectionStrings__ComplianceDbOwner and ConnectionStrings__ComplianceDb
        (defaults: the local cluster on 127.0.0.1:55432 started by ./run.sh or ./test.sh).
        """;

    public int EntitiesOfTenant(int tenantIndex) => World.EntitiesOf(Entities, Tenants, tenantIndex);

    public static BenchOptions? Parse(string[] args, out string? error)
    {
        error = null;
        if (args.Length == 0 || args[0] != "generation")
        {
            error = "the first argument must be the benchmark name: generation, jobs, conversation, slack or knowledge";
            return null;
        }

        int tenants = 100, entities = 1000, gen = 1, setup = 4;
        IReadOnlyList<int> recompute = [2, 4];
        bool profile = true, keep = false, asShipped = true, analyze = true;
        IReadOnlyList<int> probes = [1, 2, 3, 5, 10];
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            try
            {
                switch (a)
                {
                    case "--tenants": tenants = Positive(a, Next()); break;
                    case "--entities": entities = Positive(a, Next()); break;
                    case "--gen-parallel": gen = Positive(a, Next()); break;
                    case "--setup-parallel": setup = Positive(a, Next()); break;
                    case "--recompute-parallel":
                        recompute = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(n => n > 0).ToList();
                        break;
                    case "--help" or "-h": error = string.Empty; return null;
                    case "--no-profile": profile = false; break;
                    case "--generate-nestloop-off": asShipped = false; break;
                    case "--no-analyze": analyze = false; break;
                    case "--probe-sizes":
                        probes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(n => n > 0).ToList();
                        break;
                    case "--keep-database": keep = true; break;
                    default: error = $"unknown option {a}"; return null;
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
            {
                error = ex.Message;
                return null;
            }
        }

        if (entities < tenants)
        {
            error = "--entities must be at least --tenants (every tenant gets at least one entity)";
            return null;
        }

        return new BenchOptions(tenants, entities, gen, setup, recompute, profile, keep, asShipped, probes, analyze);
    }

    private static int Positive(string name, string value)
    {
        var n = int.Parse(value, CultureInfo.InvariantCulture);
        return n > 0 ? n : throw new ArgumentException($"{name} must be positive");
    }
}
