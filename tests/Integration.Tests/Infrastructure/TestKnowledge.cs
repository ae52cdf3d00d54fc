using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Rag.Embeddings;
using ComplianceOs.Rag.Ingestion;
using ComplianceOs.Rag.Knowledge;

namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>
/// The knowledge corpus a test answers from is the shipped one (masters and notes) whichever test ran before it:
/// documents other tests ingested under a <c>test:</c> key are removed first, so a stray "GSTR-3B guide" cannot
/// outrank the master a test expects.
/// </summary>
internal static class TestKnowledge
{
    public const string KeyPrefix = "test:";

    /// <summary>Removes the test documents, then ingests the masters and the shipped notes (unchanged ones are skipped).</summary>
    public static async Task ShippedCorpusAsync(DatabaseFixture fixture)
    {
        await RemoveAsync(fixture, KeyPrefix);
        var ingestor = new KnowledgeIngestor(fixture.Dbs, new HashedNgramEmbedder(), fixture.Get<AuditLog>(), TimeProvider.System);
        await new IngestMasters(fixture.Dbs, ingestor).RunAsync(Actor.System("test"), Channel.Cli);
        await new IngestNotes(ingestor).RunAsync(Actor.System("test"), Channel.Cli);
    }

    /// <summary>Removes every document, of any tenant or global, whose source key starts with <paramref name="keyPrefix"/>.</summary>
    public static async Task RemoveAsync(DatabaseFixture fixture, string keyPrefix)
    {
        if (!keyPrefix.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException("only test documents are removed", nameof(keyPrefix));
        }

        // As the schema owner: the application role may not delete the global corpus (its chunks go by cascade).
        await using var owner = await fixture.OpenOwnerAsync();
        await using var delete = owner.CreateCommand();
        delete.CommandText = "DELETE FROM knowledge_documents WHERE starts_with(source_key, $1)";
        delete.Parameters.Add(new Npgsql.NpgsqlParameter { Value = keyPrefix });
        await delete.ExecuteNonQueryAsync();
    }
}
