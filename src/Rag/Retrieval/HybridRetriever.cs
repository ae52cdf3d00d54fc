using ComplianceOs.Domain.Persistence;
using ComplianceOs.Rag.Embeddings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.AI;
using Npgsql;
using Pgvector;

namespace ComplianceOs.Rag.Retrieval;

/// <summary>
/// Hybrid retrieval for one tenant (the global corpus and its own documents; row-level security sees to the rest):
/// the nearest chunks by cosine distance over the HNSW index, and the best full-text matches for any of the
/// question's words, fused by reciprocal rank (k = 60), so a passage both methods like comes first and one that only
/// shares an exact code (GSTR-3B, 26Q) still gets in.
/// </summary>
public sealed class HybridRetriever(ComplianceDbFactory dbs, IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    /// <summary>Candidates each method contributes before fusion.</summary>
    public const int Candidates = 30;

    private const int RrfK = 60;

    /// <summary>HNSW's search breadth: above the candidate count, for recall close to an exact scan.</summary>
    public const int EfSearch = 100;

    /// <param name="prefer">
    /// Source keys of documents the question is known to be about (the masters of the obligations it names, read by
    /// the conversation's recognizer: "3b" is GSTR-3B). Their chunks form a third ranked list in the fusion, so
    /// shorthand the text search cannot see still finds its master. The list counts twice in the fusion: the
    /// recognizer's reading of a code is surer than either method's guess.
    /// </param>
    public async Task<IReadOnlyList<RetrievedPassage>> RetrieveAsync(Guid tenantId, string question, int take = 5, CancellationToken ct = default, IReadOnlyList<string>? prefer = null)
    {
        var tokens = ComplianceTokenizer.Tokenize(question).Distinct().ToList();
        if (tokens.Count == 0)
        {
            return [];
        }

        var embedding = (await embedder.GenerateAsync([question], cancellationToken: ct))[0].Vector.ToArray();

        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SET LOCAL hnsw.ef_search = {EfSearch}", ct);
        await using var command = new NpgsqlCommand(Sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction());
        command.Parameters.AddRange(Parameters(embedding, question, take, prefer));
        var passages = new List<RetrievedPassage>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                passages.Add(new RetrievedPassage(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), (double)reader.GetDecimal(8),
                    reader.IsDBNull(9) ? null : (int)reader.GetInt64(9), reader.IsDBNull(10) ? null : (int)reader.GetInt64(10), reader.GetInt32(11)));
            }
        }

        await tx.CommitAsync(ct);
        return passages;
    }

    /// <summary>Full-text passages whose vectors join the question's (pseudo-relevance feedback).</summary>
    public const int FeedbackPassages = 5;

    /// <summary>How many passages' worth the question's own vector weighs against them.</summary>
    public const int QuestionWeight = 2;

    /// <summary>
    /// The vector list, with its query vector and the full-text list it needs.
    /// The query vector is the question's, moved toward its best full-text passages (Rocchio's pseudo-relevance
    /// feedback: the average of the question counted <see cref="QuestionWeight"/> times and the passages once each).
    /// A chat question is a few words and its vector lies far from every chunk, where HNSW's greedy search loses its
    /// way (recall about half of an exact scan's at 50,000 chunks); beside the passages it asks about, the index finds
    /// what an exact scan would. With no full-text match it is the question's own vector.
    /// The product's own documents (the masters and shipped notes, a few hundred chunks) are searched exactly beside
    /// the index: they form a small cluster of their own, and once a tenant's documents outnumber them HNSW keeps no
    /// edge into it (each new chunk links to its nearest, which are the tenant's), so the index alone never reaches
    /// them — not even a master chunk at distance 0.
    /// Parameters as <see cref="Parameters"/> gives them; shared with the benchmark's exact and vector-only variants.
    /// </summary>
    public const string VectorCtes = """
        WITH by_text AS MATERIALIZED (
          SELECT id, rank FROM app_knowledge_text_search(to_tsquery('english', $7), to_tsquery('english', $8), to_tsquery('english', $2), $3)
        ), query AS MATERIALIZED (
          SELECT avg(e) AS v FROM (
            SELECT $1::vector AS e FROM generate_series(1, $9)
            UNION ALL
            SELECT c.embedding FROM by_text t JOIN knowledge_chunks c ON c.id = t.id WHERE t.rank <= $10
          ) q
        ), shipped AS (
          -- "+ 0": an expression the HNSW index cannot order by, so this stays the exact search it is meant to be (the
          -- planner would otherwise walk the index, filtering by document, when scans look costly).
          SELECT c.id, (c.embedding <=> (SELECT v FROM query)) + 0 AS distance
          FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id
          WHERE d.tenant_id IS NULL AND (starts_with(d.source_key, 'master:') OR starts_with(d.source_key, 'note:'))
          ORDER BY distance
          LIMIT $3
        ), by_vector AS MATERIALIZED (
          SELECT id, distance, row_number() OVER (ORDER BY distance, id) AS rank
          FROM (
            SELECT id, distance FROM (
              SELECT id, embedding <=> (SELECT v FROM query) AS distance FROM knowledge_chunks ORDER BY embedding <=> (SELECT v FROM query) LIMIT $3
            ) nearest
            UNION
            SELECT id, distance FROM shipped
          ) candidates
          ORDER BY distance, id
          LIMIT $3
        )
        """;

    /// <summary>
    /// The statement: the vector list, the full-text list (from app_knowledge_text_search, migration
    /// KnowledgeTextSearch, which applies the read policy itself so the GIN index can serve it), and the preferred
    /// sources' list, fused by reciprocal rank. fused is MATERIALIZED so its (at most 90) chunks are fetched by
    /// primary key: inlined, the planner cannot estimate the full join's output and hashes every visible chunk to
    /// join them, a sequential scan of the whole table (about 55 ms at 50,000 chunks; benchmarks: knowledge).
    /// </summary>
    public const string Sql = VectorCtes + """
        , by_source AS (
          SELECT c.id, row_number() OVER (ORDER BY c.embedding <=> $1) AS rank
          FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id
          WHERE d.source_key = ANY($6)
          ORDER BY c.embedding <=> $1
          LIMIT $3
        ), ids AS (
          SELECT id FROM by_vector UNION SELECT id FROM by_text UNION SELECT id FROM by_source
        ), fused AS MATERIALIZED (
          SELECT i.id, v.rank AS vector_rank, t.rank AS text_rank,
                 coalesce(1.0 / ($4 + v.rank), 0) + coalesce(1.0 / ($4 + t.rank), 0) + coalesce(2.0 / ($4 + s.rank), 0) AS score
          FROM ids i LEFT JOIN by_vector v ON v.id = i.id LEFT JOIN by_text t ON t.id = i.id LEFT JOIN by_source s ON s.id = i.id
        )
        SELECT c.id, d.id, d.source_key, d.title, c.section, c.page, d.source_url, c.text, f.score, f.vector_rank, f.text_rank, c.ordinal
        FROM fused f
        JOIN knowledge_chunks c ON c.id = f.id
        JOIN knowledge_documents d ON d.id = c.document_id
        ORDER BY f.score DESC, c.id
        LIMIT $5
        """;

    /// <summary>The statement's parameters, $1 to $10, for a question and its embedding.</summary>
    public static NpgsqlParameter[] Parameters(float[] embedding, string question, int take, IReadOnlyList<string>? prefer = null)
    {
        var text = TextQueries(question);
        return
        [
            new() { Value = new Vector(embedding) },
            new() { Value = text.Any },
            new() { Value = Candidates },
            new() { Value = RrfK },
            new() { Value = take },
            new() { Value = (prefer ?? []).ToArray() },
            new() { Value = text.All },
            new() { Value = text.Two },
            new() { Value = QuestionWeight },
            new() { Value = FeedbackPassages },
        ];
    }

    /// <summary>
    /// The full-text tiers for a question: every word (precise, cheap); else two of its subject words; else any
    /// subject word. Words every compliance question shares ("due", "fee", "tax") only narrow the first tier: in the
    /// others they would match most of the corpus.
    /// </summary>
    public static (string All, string Two, string Any) TextQueries(string question)
    {
        var tokens = ComplianceTokenizer.Tokenize(question).Distinct().ToList();
        var subject = Answering.QuestionWords.Significant(question).Where(tokens.Contains).ToList();
        var loose = subject.Count > 0 ? subject : tokens;
        return (string.Join(" & ", tokens.Select(Quote)), AtLeastTwo(loose), string.Join(" | ", loose.Select(Quote)));
    }

    private static string Quote(string token) => "'" + token.Replace("'", string.Empty, StringComparison.Ordinal) + "'";

    /// <summary>A query matching text with at least two of the words: any pair of them, OR-ed (the first 8 words).</summary>
    public static string AtLeastTwo(IReadOnlyList<string> tokens)
    {
        var words = tokens.Take(8).Select(t => "'" + t.Replace("'", string.Empty, StringComparison.Ordinal) + "'").ToList();
        if (words.Count < 2)
        {
            return words.FirstOrDefault() ?? "''";
        }

        var pairs = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            for (var j = i + 1; j < words.Count; j++)
            {
                pairs.Add($"({words[i]} & {words[j]})");
            }
        }

        return string.Join(" | ", pairs);
    }
}
