using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Rag.Embeddings;
using ComplianceOs.Rag.Ingestion;
using ComplianceOs.Rag.Knowledge;
using ComplianceOs.Rag.Retrieval;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ComplianceOs.Integration.Tests.Knowledge;

/// <summary>Vector and full-text candidates fused by reciprocal rank, over the catalog's masters, within the tenant's view.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class HybridRetrievalTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private readonly string _key = TestKnowledge.KeyPrefix + Guid.NewGuid().ToString("N")[..8];
    private HybridRetriever _retriever = null!;
    private KnowledgeIngestor _ingestor = null!;

    public async Task InitializeAsync()
    {
        await fixture.Get<DemoSeed>().RunAsync(new NodaTime.LocalDate(2026, 11, 22));
        // The shipped masters and notes, as the set-up ingests them: the corpus is the same whichever test ran first.
        await TestKnowledge.ShippedCorpusAsync(fixture);
        var embedder = new HashedNgramEmbedder();
        _ingestor = new KnowledgeIngestor(fixture.Dbs, embedder, fixture.Get<AuditLog>(), TimeProvider.System);
        _retriever = new HybridRetriever(fixture.Dbs, embedder);
    }

    public Task DisposeAsync() => TestKnowledge.RemoveAsync(fixture, _key);

    [Theory]
    [InlineData("whats the late fee on a late gstr3b", "master:GSTR3B|note:gst-late-fees-and-interest", null)]
    [InlineData("penalty for filing 24Q late", "master:TDS_24Q", "Penalties and late fees")]
    [InlineData("which form to tell ROC about auditor appointment", "master:ADT1", null)]
    [InlineData("director KYC due date", "master:DIR3KYC", null)]
    public async Task TheRightMaster_IsInTheTopFive_WithoutTheRecognizersHelp(string question, string sourceKey, string? section)
    {
        // Notes on the same subject compete with the master; the answerer's recognizer (next test) settles it.
        var top = await _retriever.RetrieveAsync(DemoWorld.Acme.TenantId, question, take: 5);
        Assert.Contains(top, p => sourceKey.Split('|').Contains(p.SourceKey) && (section is null || p.Section!.EndsWith(section, StringComparison.Ordinal)));
        Assert.All(top, p => Assert.True(p.VectorRank is not null || p.TextRank is not null));
        Assert.Equal(top.OrderByDescending(p => p.Score).Select(p => p.ChunkId), top.Select(p => p.ChunkId));
    }

    [Theory]
    [InlineData("3b late fee", "master:GSTR3B")]
    [InlineData("pf interest if paid late", "master:EPF_ECR")]
    [InlineData("dir kyc penalty", "master:DIR3KYC")]
    public async Task APreferredSource_ComesFirst_ForShorthandTheTextSearchCannotRead(string question, string sourceKey)
    {
        var plain = await _retriever.RetrieveAsync(DemoWorld.Acme.TenantId, question, take: 3);
        var preferred = await _retriever.RetrieveAsync(DemoWorld.Acme.TenantId, question, take: 3, prefer: [sourceKey]);
        Assert.Equal(sourceKey, preferred[0].SourceKey);
        Assert.True(preferred.Count(p => p.SourceKey == sourceKey) >= plain.Count(p => p.SourceKey == sourceKey));
    }

    [Fact]
    public async Task ATenantsOwnDocument_IsFoundByIt_AndByNoOtherTenant()
    {
        var key = _key;
        await _ingestor.IngestAsync(
            new IngestDocument(DemoWorld.Acme.TenantId, key, "Acme treasury note", KnowledgeKind.Markdown, null, Chunker.Chunk("# Zebrafish escrow\n\nThe zebrafish escrow account is reconciled every quarter.")),
            Actor.System("test"), Channel.Cli);

        Assert.Contains(await _retriever.RetrieveAsync(DemoWorld.Acme.TenantId, "zebrafish escrow reconciliation"), p => p.SourceKey == key);
        Assert.DoesNotContain(await _retriever.RetrieveAsync(DemoWorld.Bharat.TenantId, "zebrafish escrow reconciliation"), p => p.SourceKey == key);
    }

    [Fact]
    public async Task AQuestionWithoutWords_FindsNothing()
    {
        Assert.Empty(await _retriever.RetrieveAsync(DemoWorld.Acme.TenantId, " ?? "));
    }

    [Fact]
    public async Task TheShippedDocuments_AreSearchedExactly_WhereTheIndexAloneWouldMissThem()
    {
        // An HNSW search that ends after one candidate (ef_search 1, the index forced) stands for the large-corpus
        // case where the graph keeps no edge into the masters' cluster: the vector list must still rank the nearest
        // master chunk first, by the exact search beside the index.
        const string question = "Evidence to keep: srn-receipt. Shareholding pattern as at year end; Directors' and KMP details current";
        var embedding = HashedNgramEmbedder.Embed(question);
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL hnsw.ef_search = 1; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off");
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new Npgsql.NpgsqlCommand(
            HybridRetriever.VectorCtes + " SELECT d.source_key, c.section, v.rank FROM by_vector v JOIN knowledge_chunks c ON c.id = v.id JOIN knowledge_documents d ON d.id = c.document_id ORDER BY v.rank",
            connection, (Npgsql.NpgsqlTransaction)tx.GetDbTransaction());
        command.Parameters.AddRange(HybridRetriever.Parameters(embedding, question, take: 10));
        var ranked = new List<(string Source, string Section, long Rank)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ranked.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        Assert.True(ranked.Count > 1, $"{ranked.Count} vector candidates");
        Assert.Equal(("master:MGT7", 1L), (ranked[0].Source, ranked[0].Rank));
        Assert.EndsWith("› Evidence", ranked[0].Section, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dpt-3 return of deposits", true)]
    [InlineData("quokka marmalade", false)]
    public async Task TheVectorHalf_SearchesWithTheQuestionMovedTowardItsFullTextPassages(string question, bool found)
    {
        // Pseudo-relevance feedback: the query vector is the question's averaged with its best full-text passages';
        // with no full-text match it is the question's own.
        var embedding = HashedNgramEmbedder.Embed(question);
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            HybridRetriever.VectorCtes + " SELECT (SELECT v FROM query) <=> $1, (SELECT count(*) FROM by_text WHERE rank <= $10)",
            (Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), (Npgsql.NpgsqlTransaction)tx.GetDbTransaction());
        command.Parameters.AddRange(HybridRetriever.Parameters(embedding, question, take: 10));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (moved, passages) = (reader.GetDouble(0), reader.GetInt64(1));
        if (found)
        {
            Assert.Equal(HybridRetriever.FeedbackPassages, passages);
            Assert.InRange(moved, 0.05, 1.0);
        }
        else
        {
            Assert.Equal(0, passages);
            Assert.InRange(moved, -1e-6, 1e-6);
        }
    }
}
