using System.Diagnostics;
using System.Globalization;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Masters.SeedCatalog;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Rag;
using ComplianceOs.Rag.Ingestion;
using ComplianceOs.Rag.Knowledge;
using ComplianceOs.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplianceOs.Benchmarks.Knowledge;

/// <summary>
/// <c>knowledge</c>: the knowledge base at the size of a real tenant's library. A fresh database with the catalog,
/// one tenant and the 32 masters; generated working papers and circulars ingested through
/// <see cref="KnowledgeIngestor"/> until the corpus holds about <c>--chunks</c> chunks (ingestion chunks/s); then
/// sloppy chat questions through <see cref="HybridRetriever.RetrieveAsync"/> as the app role under RLS (p50/p95/max),
/// the same retrieval with the vector half computed by an exact scan instead of HNSW, and recall@10 of HNSW against
/// the exact scan, for the vector half alone and for the fused top 10. Exit 0 whatever the figures (each target is
/// marked met or not), 1 on an error, 2 on bad usage.
/// </summary>
public static class KnowledgeBenchmark
{
    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/ComplianceOs.Benchmarks -- knowledge [options]

          --chunks N            chunks in the corpus, the 32 masters' included (default 50000)
          --queries N           questions measured (default 200: 40 templates, each asked in several ways)
          --keep-database       do not drop the benchmark database at the end (prints its name)
          --database NAME       measure retrieval on a database an earlier run kept (no setup, no ingestion; kept)
          --no-analyze          do not VACUUM (ANALYZE) the knowledge tables (as the owner) after ingestion
          --explain             print EXPLAIN (ANALYZE, BUFFERS) of the product's statement for the slowest
                                question, and of its exact-scan variant
          --ef-search-sweep L   also the vector half alone at each hnsw.ef_search in L (e.g. 40,100,200,400,1000):
                                recall@10 against the exact scan, p50/p95

        Connection strings: ConnectionStrings__ComplianceDbOwner and ConnectionStrings__ComplianceDb
        (defaults: the local cluster on 127.0.0.1:55432 started by ./run.sh or ./test.sh).
        """;

    public const string TenantName = "Bench Knowledge Tenant";

    private const int Take = 10;
    private const double P95TargetMs = 30;
    private const double RecallTarget = 0.95;

    private sealed record Options(int Chunks, int Queries, bool Keep, string? Database, bool Analyze, bool Explain, IReadOnlyList<int> EfSweep);

    /// <summary>What setup left: the tenant, and the ingestion figures (null when a kept database was reused).</summary>
    private sealed record Corpus(Guid TenantId, int Documents, int Chunks, int MasterChunks, int IngestedChunks, TimeSpan? IngestWall);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args, out var exit);
        if (options is null)
        {
            return exit;
        }

        Console.WriteLine($"== Compliance OS benchmark: the knowledge base ({options.Chunks:N0} chunks, {options.Queries} questions, top {Take}) ==");
        Console.WriteLine(
            $"machine: {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; load average at start: {LoadAverage()}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth quoting.");
#endif

        var database = options.Database is null ? await BenchDatabase.CreateAsync() : BenchDatabase.Existing(options.Database);
        Console.WriteLine(options.Database is null
            ? $"database: {database.Name} (created as the owner; ingestion and retrieval run as the app role)"
            : $"database: {database.Name} (kept by an earlier run; setup and ingestion skipped)");
        try
        {
            await using var services = new ServiceCollection().AddDomainModule(database.AppConnectionString).AddRag().BuildServiceProvider();
            var corpus = options.Database is null ? await BuildAsync(database, services, options) : await ExistingAsync(database);
            Console.WriteLine($"corpus: {await CorpusFactsAsync(database)}");
            await MeasureAsync(services, corpus, options, database.AppConnectionString);
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(ex);
            return 1;
        }
        finally
        {
            if (options.Keep || options.Database is not null)
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

    /// <summary>Migrates, seeds the catalog, creates the tenant, ingests the masters and the generated corpus (timed).</summary>
    private static async Task<Corpus> BuildAsync(BenchDatabase database, ServiceProvider services, Options options)
    {
        var actor = Actor.System("bench");
        var setup = Stopwatch.StartNew();
        var migrations = await DatabaseMigrator.MigrateAsync(database.OwnerConnectionString);
        var seed = await services.GetRequiredService<SeedCatalogHandler>().HandleAsync(new PlatformContext(actor, Channel.Cli, "bench"));
        if (!seed.Succeeded)
        {
            throw new InvalidOperationException($"catalog seed failed: {seed}");
        }

        var tenant = await new World(services).CreateTenantAsync(0, TenantName, 0, 3);
        var masterClock = Stopwatch.StartNew();
        var masters = await services.GetRequiredService<IngestMasters>().RunAsync(actor, Channel.Cli);
        masterClock.Stop();
        var masterChunks = await ScalarAsync<long>(database, "SELECT count(*) FROM knowledge_chunks");
        Console.WriteLine(
            $"setup: {migrations.Count} migrations, catalog {seed.Value!.Created} masters, tenant {tenant.TenantId} with {tenant.EntityIds.Count} entities; " +
            $"masters ingested: {masters[IngestOutcome.Added]} documents, {masterChunks} chunks in {masterClock.Elapsed.TotalSeconds:F2} s ({setup.Elapsed.TotalSeconds:F1} s in all)");

        var generateClock = Stopwatch.StartNew();
        var documents = KnowledgeCorpus.Generate(tenant.TenantId, Math.Max(1, options.Chunks - (int)masterChunks));
        generateClock.Stop();
        var generated = documents.Sum(d => d.Chunks.Count);
        var global = documents.Count(d => d.TenantId is null);
        var textMb = documents.Sum(d => d.Chunks.Sum(c => (long)c.Text.Length)) / 1e6;
        Console.WriteLine(
            $"generated: {documents.Count:N0} Markdown documents ({documents.Count - global:N0} the tenant's: board minutes, GST reconciliations, TDS working notes, " +
            $"audit memos; {global:N0} global circular summaries), {generated:N0} chunks ({generated / (double)documents.Count:F1} per document, " +
            $"{textMb:F1} M characters) in {generateClock.Elapsed.TotalSeconds:F1} s (fixed seed; not part of the ingestion time)");

        var ingestor = services.GetRequiredService<KnowledgeIngestor>();
        using var profiler = new DbActivityProfiler();
        profiler.Start();
        var ingestClock = Stopwatch.StartNew();
        var step = Math.Max(1, documents.Count / 5);
        for (var i = 0; i < documents.Count; i++)
        {
            var result = await ingestor.IngestAsync(documents[i], actor, Channel.Cli);
            if (result.Outcome != IngestOutcome.Added)
            {
                throw new InvalidOperationException($"{documents[i].SourceKey}: {result.Outcome}, expected a new document");
            }

            if ((i + 1) % step == 0 && i + 1 < documents.Count)
            {
                Console.WriteLine($"  … {i + 1:N0} documents in {ingestClock.Elapsed.TotalSeconds:F0} s");
            }
        }

        ingestClock.Stop();
        var ingestDb = profiler.Stop();
        var wall = ingestClock.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"ingestion (KnowledgeIngestor.IngestAsync, one document per call, sequential, as the app role): {generated:N0} chunks of {documents.Count:N0} documents " +
            $"in {wall:F1} s = {generated / wall:N0} chunks/s ({documents.Count / wall:N0} documents/s); where the time went (Npgsql command durations):");
        foreach (var (kind, count, total) in ingestDb.Take(4))
        {
            Console.WriteLine($"  {total.TotalSeconds,7:F1} s {100 * total.TotalSeconds / wall,5:F1}%  {count,7:N0}×  {kind}");
        }

        var client = wall - ingestDb.Sum(d => d.Total.TotalSeconds);
        Console.WriteLine($"  {client,7:F1} s {100 * client / wall,5:F1}%           the rest: embedding, hashing, EF change tracking, smaller statements");
        if (options.Analyze)
        {
            var analyzeClock = Stopwatch.StartNew();
            // Autovacuum vacuums and analyzes an insert-only table after this many inserts (PostgreSQL 13 and later);
            // done here so the measurement does not depend on when it gets round to it (hint bits, visibility map).
            await ScalarAsync<object>(database, "VACUUM (ANALYZE) knowledge_chunks, knowledge_documents");
            Console.WriteLine($"VACUUM (ANALYZE) knowledge_chunks, knowledge_documents as the owner (autovacuum would, after this many inserts) in {analyzeClock.Elapsed.TotalSeconds:F1} s");
        }

        return new Corpus(tenant.TenantId, documents.Count + masters[IngestOutcome.Added], generated + (int)masterChunks, (int)masterChunks, generated, ingestClock.Elapsed);
    }

    private static async Task<Corpus> ExistingAsync(BenchDatabase database)
    {
        await using var c = new NpgsqlConnection(database.OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT t.id, (SELECT count(*) FROM knowledge_documents), (SELECT count(*) FROM knowledge_chunks),
                   (SELECT count(*) FROM knowledge_chunks k JOIN knowledge_documents d ON d.id = k.document_id WHERE d.kind = 'Master')
            FROM tenants t WHERE t.name = $1
            """, c);
        cmd.Parameters.Add(new NpgsqlParameter { Value = TenantName });
        await using var r = await cmd.ExecuteReaderAsync();
        if (!await r.ReadAsync())
        {
            throw new InvalidOperationException($"{database.Name} has no tenant named {TenantName}: not a knowledge benchmark database");
        }

        return new Corpus(r.GetGuid(0), (int)r.GetInt64(1), (int)r.GetInt64(2), (int)r.GetInt64(3), 0, null);
    }

    private static async Task MeasureAsync(ServiceProvider services, Corpus corpus, Options options, string appConnectionString)
    {
        var questions = KnowledgeQuestions.Take(options.Queries);
        var retriever = services.GetRequiredService<HybridRetriever>();
        var probe = new RetrievalProbe(services.GetRequiredService<ComplianceDbFactory>(), services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        var id = corpus.TenantId;

        var hnswPlan = await probe.ExplainHybridAsync(id, questions[0], Take, VectorScan.Hnsw, analyze: false);
        var exactPlan = await probe.ExplainHybridAsync(id, questions[0], Take, VectorScan.Exact, analyze: false);
        Console.WriteLine(hnswPlan.Contains(RetrievalProbe.HnswIndex, StringComparison.Ordinal)
            ? $"plan check: the product's statement reads its vector candidates from the HNSW index ({RetrievalProbe.HnswIndex})"
            : $"plan check: WARNING the product's statement does not use {RetrievalProbe.HnswIndex}:\n{hnswPlan}");
        Console.WriteLine(!exactPlan.Contains(RetrievalProbe.HnswIndex, StringComparison.Ordinal) && exactPlan.Contains("Seq Scan on knowledge_chunks", StringComparison.Ordinal)
            ? $"plan check: the exact variant (SET LOCAL enable_indexscan = off) does not use {RetrievalProbe.HnswIndex}: Seq Scan on knowledge_chunks, every visible row sorted by embedding <=> q"
            : $"plan check: WARNING the exact variant still uses {RetrievalProbe.HnswIndex} or reads no Seq Scan; its figures are not an exact scan:\n{exactPlan}");

        // Warm-up: JIT, pools, prepared statements, pages in cache; excluded from every figure.
        var warm = Stopwatch.StartNew();
        var warmCount = Math.Min(questions.Count, KnowledgeQuestions.TemplateCount);
        foreach (var question in questions.Take(warmCount))
        {
            await retriever.RetrieveAsync(id, question, Take);
            await probe.VectorAsync(id, question, Take, VectorScan.Hnsw);
        }

        foreach (var question in questions.Take(5))
        {
            await probe.HybridAsync(id, question, Take, VectorScan.Exact);
        }

        Console.WriteLine($"warm-up (excluded): {warmCount} questions through HybridRetriever, 5 exact, in {warm.Elapsed.TotalSeconds:F1} s; load average now: {LoadAverage()}");

        var hnswMs = new double[questions.Count];
        var hnswTop = new IReadOnlyList<RetrievedPassage>[questions.Count];
        for (var i = 0; i < questions.Count; i++)
        {
            var sw = Stopwatch.StartNew();
            hnswTop[i] = await retriever.RetrieveAsync(id, questions[i], Take);
            hnswMs[i] = sw.Elapsed.TotalMilliseconds;
        }

        var exactMs = new double[questions.Count];
        var exactTop = new IReadOnlyList<Guid>[questions.Count];
        for (var i = 0; i < questions.Count; i++)
        {
            var sw = Stopwatch.StartNew();
            exactTop[i] = await probe.HybridAsync(id, questions[i], Take, VectorScan.Exact);
            exactMs[i] = sw.Elapsed.TotalMilliseconds;
        }

        // Recall, and the check that the benchmark's copy of the statement is still the product's.
        var exactVector = new IReadOnlyList<(Guid Id, double Distance)>[questions.Count];
        var vectorRecall = new double[questions.Count];
        var questionVectorRecall = new double[questions.Count];
        var tiedRecall = new double[questions.Count];
        var fusedRecall = new double[questions.Count];
        var copyAgrees = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            exactVector[i] = await probe.VectorAsync(id, questions[i], Take, VectorScan.Exact);
            var approximate = await probe.VectorAsync(id, questions[i], Take, VectorScan.Hnsw);
            vectorRecall[i] = Recall(exactVector[i].Select(e => e.Id), approximate.Select(a => a.Id));
            tiedRecall[i] = TiedRecall(exactVector[i], approximate);
            questionVectorRecall[i] = Recall(
                (await probe.VectorAsync(id, questions[i], Take, VectorScan.Exact, questionOnly: true)).Select(e => e.Id),
                (await probe.VectorAsync(id, questions[i], Take, VectorScan.Hnsw, questionOnly: true)).Select(a => a.Id));
            fusedRecall[i] = Recall(exactTop[i], hnswTop[i].Select(p => p.ChunkId));
            var copy = await probe.HybridAsync(id, questions[i], Take, VectorScan.Hnsw);
            copyAgrees += copy.SequenceEqual(hnswTop[i].Select(p => p.ChunkId)) ? 1 : 0;
        }

        Console.WriteLine();
        Console.WriteLine("examples (HybridRetriever, top 3; v/t = rank in the vector / full-text half):");
        foreach (var i in new[] { 0, 3, 5 }.Where(i => i < questions.Count))
        {
            Console.WriteLine($"  \"{questions[i]}\"");
            foreach (var p in hnswTop[i].Take(3))
            {
                Console.WriteLine($"    {p.Score:F4} v{p.VectorRank?.ToString(CultureInfo.InvariantCulture) ?? "-"}/t{p.TextRank?.ToString(CultureInfo.InvariantCulture) ?? "-"}  {Shorten(p.Section ?? p.Title, 110)}");
            }
        }

        Console.WriteLine(
            $"  per question on average: {hnswTop.Average(t => t.Count(p => p.VectorRank is not null && p.TextRank is not null)):F1} of the top {Take} found by both halves, " +
            $"{hnswTop.Average(t => t.Count(p => p.TextRank is null)):F1} by the vector half only, {hnswTop.Average(t => t.Count(p => p.VectorRank is null)):F1} by full text only");

        if (options.EfSweep.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine(
                $"vector half alone (ORDER BY embedding <=> q LIMIT {Take}, as the app role), by hnsw.ef_search, the index forced " +
                "(enable_seqscan and enable_bitmapscan off: the planner itself prefers a full scan from a few hundred up); d10 = mean distance of the 10th result:");
            foreach (var ef in options.EfSweep)
            {
                var ms = new double[questions.Count];
                var recall = new double[questions.Count];
                var d10 = new double[questions.Count];
                for (var i = 0; i < questions.Count; i++)
                {
                    var sw = Stopwatch.StartNew();
                    var found = await probe.VectorAsync(id, questions[i], Take, VectorScan.HnswForced, ef);
                    ms[i] = sw.Elapsed.TotalMilliseconds;
                    recall[i] = Recall(exactVector[i].Select(e => e.Id), found.Select(f => f.Id));
                    d10[i] = found.Count == 0 ? double.NaN : found[^1].Distance;
                }

                Console.WriteLine($"  ef_search {ef,5}: recall@10 {recall.Average():F3} (min {recall.Min():F1})  d10 {d10.Average():F4}  p50 {P(ms, 50),6:F1} ms  p95 {P(ms, 95),6:F1} ms");
            }

            var exactVectorMs = new double[questions.Count];
            for (var i = 0; i < questions.Count; i++)
            {
                var sw = Stopwatch.StartNew();
                await probe.VectorAsync(id, questions[i], Take, VectorScan.Exact);
                exactVectorMs[i] = sw.Elapsed.TotalMilliseconds;
            }

            Console.WriteLine($"  exact scan     : recall@10 1.000            d10 {exactVector.Average(e => e.Count == 0 ? double.NaN : e[^1].Distance):F4}  p50 {P(exactVectorMs, 50),6:F1} ms  p95 {P(exactVectorMs, 95),6:F1} ms");
        }

        if (options.Explain)
        {
            var slowest = Array.IndexOf(hnswMs, hnswMs.Max());
            Console.WriteLine();
            Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS), the product's statement (HNSW), slowest question \"{questions[slowest]}\" ({hnswMs[slowest]:F1} ms in the run):");
            Console.WriteLine(await probe.ExplainHybridAsync(id, questions[slowest], Take, VectorScan.Hnsw, analyze: true));
            Console.WriteLine();
            Console.WriteLine("EXPLAIN (ANALYZE, BUFFERS), the exact variant, same question:");
            Console.WriteLine(await probe.ExplainHybridAsync(id, questions[slowest], Take, VectorScan.Exact, analyze: true));
        }

        Console.WriteLine();
        Console.WriteLine($"== report (load average at the end: {LoadAverage()}) ==");
        Console.WriteLine($"corpus:     {corpus.Documents:N0} documents, {corpus.Chunks:N0} chunks ({corpus.MasterChunks} of them the 32 masters')");
        Console.WriteLine(corpus.IngestWall is { } wall
            ? $"ingestion:  {corpus.IngestedChunks / wall.TotalSeconds:N0} chunks/s ({corpus.IngestedChunks:N0} chunks in {wall.TotalSeconds:F1} s wall, one document at a time through KnowledgeIngestor)"
            : "ingestion:  not measured (a kept database was reused)");
        Console.WriteLine($"retrieval:  HNSW  (HybridRetriever.RetrieveAsync, take {Take}, {questions.Count} questions)  p50 {P(hnswMs, 50),7:F1} ms  p95 {P(hnswMs, 95),7:F1} ms  max {hnswMs.Max(),7:F1} ms");
        Console.WriteLine($"            exact (the same statement, its vector half by a full scan)       p50 {P(exactMs, 50),7:F1} ms  p95 {P(exactMs, 95),7:F1} ms  max {exactMs.Max(),7:F1} ms");
        Console.WriteLine($"recall@10:  vector half, HNSW (ef_search {RetrievalProbe.EfSearch}) vs exact: mean {vectorRecall.Average():F3} (min {vectorRecall.Min():F1})");
        Console.WriteLine($"            (the question's own vector, without the full-text feedback: mean {questionVectorRecall.Average():F3}, min {questionVectorRecall.Min():F1})");
        Console.WriteLine($"            (counting ties as ann-benchmarks does, a result within 0.001 of the exact 10th distance found: mean {tiedRecall.Average():F3}, min {tiedRecall.Min():F1})");
        Console.WriteLine($"            fused top {Take}, HNSW vs exact:                  mean {fusedRecall.Average():F3} (min {fusedRecall.Min():F1})");
        Console.WriteLine($"            lowest, vector half: {string.Join(", ", vectorRecall.Select((r, i) => (r, i)).OrderBy(x => x.r).ThenBy(x => x.i).Take(4).Select(x => $"\"{questions[x.i]}\" {x.r:F1}"))}");
        Console.WriteLine($"copy check: the benchmark's copy of the statement returned HybridRetriever's top {Take} on {copyAgrees}/{questions.Count} questions");
        await EndToEndAsync(appConnectionString, id);
        Console.WriteLine("targets:");
        Console.WriteLine($"  retrieval p95 ≤ {P95TargetMs:F0} ms:            {P(hnswMs, 95),7:F1} ms → {(P(hnswMs, 95) <= P95TargetMs ? "met" : "NOT met")}");
        Console.WriteLine($"  recall@10 ≥ {RecallTarget:F2}, vector half: {vectorRecall.Average(),7:F3}    → {(vectorRecall.Average() >= RecallTarget ? "met" : "NOT met")}");
        Console.WriteLine($"  recall@10 ≥ {RecallTarget:F2}, fused top {Take}: {fusedRecall.Average(),7:F3}    → {(fusedRecall.Average() >= RecallTarget ? "met" : "NOT met")}");
    }

    /// <summary>
    /// Whole questions answered by the assistant as a person asks them in chat (parsing, routing, the rule engine or
    /// retrieval, the answer and its card), timed end to end in process, without a chat model.
    /// </summary>
    private static async Task EndToEndAsync(string appConnectionString, Guid tenantId)
    {
        const int Rounds = 5;
        var result = await AssistantEndToEnd.MeasureAsync(appConnectionString, tenantId, Rounds);
        Console.WriteLine(
            $"end to end: {result.Count} questions ({AssistantEndToEnd.Questions.Length} kinds × {Rounds}) through the conversation core: " +
            $"p50 {result.P50:F1} ms  p95 {result.P95:F1} ms  max {result.Max:F1} ms; answers: {string.Join(", ", result.ByReply.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}");
        Console.WriteLine($"  end to end p95 ≤ 60 ms: {(result.P95 <= 60 ? "met" : "NOT met")}");
    }

    private static Options? Parse(string[] args, out int exit)
    {
        int chunks = 50_000, queries = 200;
        bool keep = false, analyze = true, explain = false;
        string? database = null;
        IReadOnlyList<int> sweep = [];
        exit = 2;
        for (var i = 0; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length;
            switch (args[i])
            {
                case "--chunks" when hasValue && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var c) && c >= 100:
                    chunks = c;
                    i++;
                    break;
                case "--queries" when hasValue && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var q) && q >= 1:
                    queries = q;
                    i++;
                    break;
                case "--database" when hasValue && args[i + 1].StartsWith("complianceos_bench_", StringComparison.Ordinal):
                    database = args[++i];
                    break;
                case "--ef-search-sweep" when hasValue:
                    var values = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var parsed = values.Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000 ? n : 0).ToList();
                    if (parsed.Count == 0 || parsed.Contains(0))
                    {
                        Console.Error.WriteLine("--ef-search-sweep takes a comma-separated list of values from 1 to 1000 (pgvector's range)");
                        return null;
                    }

                    sweep = parsed;
                    break;
                case "--keep-database":
                    keep = true;
                    break;
                case "--no-analyze":
                    analyze = false;
                    break;
                case "--explain":
                    explain = true;
                    break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    exit = 0;
                    return null;
                default:
                    Console.Error.WriteLine($"unknown or incomplete option: {args[i]}");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }

        return new Options(chunks, queries, keep, database, analyze, explain, sweep);
    }

    /// <summary>The share of the exact top k that the approximate top k found (ids; 1 when there is nothing to find).</summary>
    /// <summary>
    /// ann-benchmarks' k-NN recall: the share of the approximate results no farther than the exact k-th distance plus
    /// 0.001, so a chunk with the same distance as an exact result (a duplicate text, the same vector) counts.
    /// </summary>
    private static double TiedRecall(IReadOnlyList<(Guid Id, double Distance)> exact, IReadOnlyList<(Guid Id, double Distance)> approximate) =>
        exact.Count == 0 ? 1 : approximate.Take(exact.Count).Count(a => a.Distance <= exact[^1].Distance + 0.001) / (double)exact.Count;

    private static double Recall(IEnumerable<Guid> exact, IEnumerable<Guid> approximate)
    {
        var expected = exact.ToHashSet();
        return expected.Count == 0 ? 1 : approximate.Count(expected.Contains) / (double)expected.Count;
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double P(double[] ms, double p)
    {
        var sorted = ms.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task<T> ScalarAsync<T>(BenchDatabase database, string sql)
    {
        await using var c = new NpgsqlConnection(database.OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 600 };
        return (T)(await cmd.ExecuteScalarAsync() ?? default(T)!);
    }

    /// <summary>Counts and sizes, read as the owner.</summary>
    private static Task<string> CorpusFactsAsync(BenchDatabase database) => ScalarAsync<string>(
        database,
        """
        SELECT format('%s documents (%s global), %s chunks (%s global); knowledge_chunks %s with its TOAST and indexes: HNSW %s, GIN %s; shared_buffers %s',
                      (SELECT count(*) FROM knowledge_documents), (SELECT count(*) FROM knowledge_documents WHERE tenant_id IS NULL),
                      (SELECT count(*) FROM knowledge_chunks), (SELECT count(*) FROM knowledge_chunks WHERE tenant_id IS NULL),
                      pg_size_pretty(pg_total_relation_size('knowledge_chunks')),
                      pg_size_pretty(pg_relation_size('ix_knowledge_chunks_embedding')),
                      pg_size_pretty(pg_relation_size('ix_knowledge_chunks_search_vector')),
                      current_setting('shared_buffers'))
        """);
}
