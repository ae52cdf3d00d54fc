using System.Text.RegularExpressions;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Rag.Embeddings;
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
/// The statements HybridRetriever runs, copied so the benchmark can run them in variants the product does not offer:
/// with the vector half computed by an exact scan, and the vector half alone. The copy must stay in step with
/// <c>src/Rag/Retrieval/HybridRetriever.cs</c>; the benchmark checks on every question that the copy, run the way
/// the product runs it, returns the chunks HybridRetriever returned, and reports any difference. Runs as the app
/// role in the tenant's scope (row-level security on), one transaction per call, like the product.
/// </summary>
public sealed partial class RetrievalProbe(ComplianceDbFactory dbs, IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    public const int EfSearch = 100;

    public const string HnswIndex = "ix_knowledge_chunks_embedding";

    private const string HybridSql = """
        WITH by_vector AS (
          SELECT id, row_number() OVER (ORDER BY embedding <=> $1) AS rank
          FROM (SELECT id, embedding FROM knowledge_chunks ORDER BY embedding <=> $1 LIMIT $3) v
        ), by_text AS (
          SELECT id, rank FROM app_knowledge_text_search(to_tsquery('english', $7), to_tsquery('english', $6), to_tsquery('english', $2), $3)
        ), fused AS MATERIALIZED (
          SELECT coalesce(v.id, t.id) AS id, v.rank AS vector_rank, t.rank AS text_rank,
                 coalesce(1.0 / ($4 + v.rank), 0) + coalesce(1.0 / ($4 + t.rank), 0) AS score
          FROM by_vector v FULL JOIN by_text t ON t.id = v.id
        )
        SELECT c.id, d.id, d.source_key, d.title, c.section, c.page, d.source_url, c.text, f.score, f.vector_rank, f.text_rank
        FROM fused f
        JOIN knowledge_chunks c ON c.id = f.id
        JOIN knowledge_documents d ON d.id = c.document_id
        ORDER BY f.score DESC, c.id
        LIMIT $5
        """;

    private const string VectorSql = """
        SELECT id, embedding <=> $1 AS distance FROM knowledge_chunks ORDER BY embedding <=> $1 LIMIT $2
        """;

    /// <summary>The fused top <paramref name="take"/> chunk ids, best first; the vector half as <paramref name="scan"/> says.</summary>
    public async Task<IReadOnlyList<Guid>> HybridAsync(Guid tenantId, string question, int take, VectorScan scan, CancellationToken ct = default)
    {
        var ids = new List<Guid>(take);
        await RunAsync(tenantId, question, take, scan, HybridSql, EfSearch, async reader =>
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
    public async Task<IReadOnlyList<(Guid Id, double Distance)>> VectorAsync(Guid tenantId, string question, int take, VectorScan scan, int efSearch = EfSearch, CancellationToken ct = default)
    {
        var rows = new List<(Guid, double)>(take);
        await RunAsync(tenantId, question, take, scan, VectorSql, efSearch, async reader =>
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
        await RunAsync(tenantId, question, take, scan, (analyze ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ") + HybridSql, EfSearch, async reader =>
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
        // The same full-text tiers HybridRetriever builds, the question embedded whole.
        var embedding = (await embedder.GenerateAsync([question], cancellationToken: ct))[0].Vector.ToArray();
        var text = Rag.Retrieval.HybridRetriever.TextQueries(question);

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
        command.Parameters.Add(new NpgsqlParameter { Value = new Vector(embedding) });
        if (sql.EndsWith(HybridSql, StringComparison.Ordinal))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = text.Any });
            command.Parameters.Add(new NpgsqlParameter { Value = Rag.Retrieval.HybridRetriever.Candidates });
            command.Parameters.Add(new NpgsqlParameter { Value = 60 });
        }

        command.Parameters.Add(new NpgsqlParameter { Value = take });
        if (sql.EndsWith(HybridSql, StringComparison.Ordinal))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = text.Two });
            command.Parameters.Add(new NpgsqlParameter { Value = text.All });
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
