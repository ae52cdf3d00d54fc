using System.Text.RegularExpressions;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Rag.Embeddings;
using ComplianceOs.Rag.Retrieval;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.AI;
using Npgsql;
using Pgvector;

namespace ComplianceOs.Benchmarks.Knowledge;

/// <summary>How the vector half of a probe finds its candidates.</summary>
public enum VectorScan
{
    /// <summary>The HNSW index with <c>hnsw.ef_search</c> as HybridRetriever sets it: what the product runs.</summary>
    Hnsw,

    /// <summary><c>SET LOCAL enable_indexscan = off</c>: every visible row is read and sorted by distance.</summary>
    Exact,

    /// <summary>
    /// The HNSW index even where the planner would rather sort every row (<c>enable_seqscan</c> and <c>enable_bitmapscan</c> off):
    /// pgvector's cost estimate grows with <c>hnsw.ef_search</c>, and above a few hundred a full scan looks cheaper.
    /// </summary>
    HnswForced,
}

/// <summary>
/// HybridRetriever's statement, run in variants the product does not offer: with the vector half computed by an exact
/// scan, and the vector half alone (with the product's query vector, or the question's own). The statement and its
/// parameters are HybridRetriever's own (<see cref="HybridRetriever.Sql"/>, <see cref="HybridRetriever.Parameters"/>);
/// the benchmark still checks on every question that a run here returns the chunks HybridRetriever returned. Runs as
/// the app role in the tenant's scope (row-level security on), one transaction per call, like the product.
/// </summary>
public sealed partial class RetrievalProbe(ComplianceDbFactory dbs, IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    public const int EfSearch = HybridRetriever.EfSearch;

    public const string HnswIndex = "ix_knowledge_chunks_embedding";

    /// <summary>The vector half alone, as the product runs it (the query vector moved toward the full-text passages; the shipped documents exact).</summary>
    private const string VectorSql = HybridRetriever.VectorCtes + """
        SELECT id, distance FROM by_vector ORDER BY rank LIMIT $5
        """;

    /// <summary>The vector half alone, with the question's own vector (what the product did before the feedback).</summary>
    private const string QuestionVectorSql = """
        SELECT id, embedding <=> $1 AS distance FROM knowledge_chunks ORDER BY embedding <=> $1 LIMIT $2
        """;

    /// <summary>The fused top <paramref name="take"/> chunk ids, best first; the vector half as <paramref name="scan"/> says.</summary>
    public async Task<IReadOnlyList<Guid>> HybridAsync(Guid tenantId, string question, int take, VectorScan scan, CancellationToken ct = default)
    {
        var ids = new List<Guid>(take);
        await RunAsync(tenantId, question, take, scan, HybridRetriever.Sql, EfSearch, async reader =>
        {
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
            }
        }, ct);
        return ids;
    }

    /// <summary>The nearest <paramref name="take"/> chunks by cosine distance alone, with their distances.</summary>
    /// <param name="efSearch">HNSW's search breadth (ignored by an exact scan).</param>
    /// <param name="questionOnly">The question's own vector instead of the product's query vector.</param>
    public async Task<IReadOnlyList<(Guid Id, double Distance)>> VectorAsync(Guid tenantId, string question, int take, VectorScan scan, int efSearch = EfSearch, bool questionOnly = false, CancellationToken ct = default)
    {
        var rows = new List<(Guid, double)>(take);
        await RunAsync(tenantId, question, take, scan, questionOnly ? QuestionVectorSql : VectorSql, efSearch, async reader =>
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetGuid(0), reader.GetDouble(1)));
            }
        }, ct);
        return rows;
    }

    /// <summary>EXPLAIN of the fused statement (with ANALYZE and BUFFERS when <paramref name="analyze"/>), as the app role.</summary>
    public async Task<string> ExplainHybridAsync(Guid tenantId, string question, int take, VectorScan scan, bool analyze, CancellationToken ct = default)
    {
        var lines = new List<string>();
        await RunAsync(tenantId, question, take, scan, (analyze ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ") + HybridRetriever.Sql, EfSearch, async reader =>
        {
            while (await reader.ReadAsync(ct))
            {
                lines.Add(reader.GetString(0));
            }
        }, ct);
        // The question's vector, 1,024 numbers, would fill the screen at every use.
        return VectorLiteral().Replace(string.Join('\n', lines), "'[…]'::vector");
    }

    private async Task RunAsync(Guid tenantId, string question, int take, VectorScan scan, string sql, int efSearch, Func<NpgsqlDataReader, Task> read, CancellationToken ct)
    {
        var embedding = (await embedder.GenerateAsync([question], cancellationToken: ct))[0].Vector.ToArray();

        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(
            scan switch
            {
                VectorScan.Hnsw => $"SET LOCAL hnsw.ef_search = {efSearch}",
                VectorScan.HnswForced => $"SET LOCAL hnsw.ef_search = {efSearch}; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off",
                _ => "SET LOCAL enable_indexscan = off",
            },
            ct);
        await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction());
        if (ReferenceEquals(sql, QuestionVectorSql))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = new Vector(embedding) });
            command.Parameters.Add(new NpgsqlParameter { Value = take });
        }
        else
        {
            // Every statement but the question-only one takes HybridRetriever's parameters (some leave a few unused).
            command.Parameters.AddRange(HybridRetriever.Parameters(embedding, question, take));
        }

        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await read(reader);
        }

        await tx.CommitAsync(ct);
    }

    [GeneratedRegex(@"'\[[^\]]*\]'::vector")]
    private static partial Regex VectorLiteral();
}
