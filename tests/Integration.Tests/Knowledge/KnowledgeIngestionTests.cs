using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Rag.Embeddings;
using ComplianceOs.Rag.Ingestion;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pgvector;
using Pgvector.EntityFrameworkCore;

namespace ComplianceOs.Integration.Tests.Knowledge;

/// <summary>Chunks with embeddings in PostgreSQL + pgvector: idempotent by content, replaced atomically, tenant-scoped, audited.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class KnowledgeIngestionTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private readonly string _key = "test:" + Guid.NewGuid().ToString("N")[..8];
    private KnowledgeIngestor _ingestor = null!;

    public async Task InitializeAsync()
    {
        await fixture.Get<DemoSeed>().RunAsync(new NodaTime.LocalDate(2026, 11, 22));
        _ingestor = new KnowledgeIngestor(fixture.Dbs, new HashedNgramEmbedder(), fixture.Get<AuditLog>(), TimeProvider.System);
    }

    public Task DisposeAsync() => TestKnowledge.RemoveAsync(fixture, _key);

    private static IngestDocument Doc(Guid? tenant, string key, string markdown) =>
        new(tenant, key, "GSTR-3B guide", KnowledgeKind.Markdown, "https://www.gst.gov.in/", Chunker.Chunk(markdown));

    private const string Guide = """
        # GSTR-3B

        Monthly summary return of outward and inward supplies, filed by the 20th of the next month.

        ## Late fee

        Rs 50 per day of delay (Rs 20 for a nil return), capped per return.
        """;

    [Fact]
    public async Task TheSameText_AgainChangesNothing_AChangedOneReplacesItsChunks_AndBothAreAudited()
    {
        var tenant = DemoWorld.Acme.TenantId;
        var first = await _ingestor.IngestAsync(Doc(tenant, _key, Guide), Actor.System("test"), Channel.Cli);
        Assert.Equal((IngestOutcome.Added, 2), (first.Outcome, first.Chunks));
        var idsBefore = await ChunkIdsAsync(tenant, first.DocumentId);

        var again = await _ingestor.IngestAsync(Doc(tenant, _key, Guide), Actor.System("test"), Channel.Cli);
        Assert.Equal((first.DocumentId, IngestOutcome.Unchanged), (again.DocumentId, again.Outcome));
        Assert.Equal(idsBefore, await ChunkIdsAsync(tenant, first.DocumentId));

        var changed = await _ingestor.IngestAsync(Doc(tenant, _key, Guide + "\n\nInterest at 18% a year on tax paid late."), Actor.System("test"), Channel.Cli);
        Assert.Equal((first.DocumentId, IngestOutcome.Replaced), (changed.DocumentId, changed.Outcome));
        var idsAfter = await ChunkIdsAsync(tenant, first.DocumentId);
        Assert.Empty(idsAfter.Intersect(idsBefore));
        Assert.Equal(changed.Chunks, idsAfter.Count);

        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        var audited = await db.AuditEntries.Where(a => a.TargetId == first.DocumentId.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Equal([AuditAction.KnowledgeDocumentIngested, AuditAction.KnowledgeDocumentReplaced], audited.Order());
    }

    [Fact]
    public async Task ATenantSeesTheGlobalCorpusAndItsOwn_NeverAnotherTenants()
    {
        var global = await _ingestor.IngestAsync(Doc(null, _key + ":global", Guide), Actor.System("test"), Channel.Cli);
        var acme = await _ingestor.IngestAsync(Doc(DemoWorld.Acme.TenantId, _key, "# Acme PF note\n\nAcme pays PF by the 10th."), Actor.System("test"), Channel.Cli);
        var bharat = await _ingestor.IngestAsync(Doc(DemoWorld.Bharat.TenantId, _key, "# Bharat PF note\n\nBharat pays PF by the 12th."), Actor.System("test"), Channel.Cli);

        var visible = await DocumentIdsAsync(DemoWorld.Bharat.TenantId);
        Assert.Contains(global.DocumentId, visible);
        Assert.Contains(bharat.DocumentId, visible);
        Assert.DoesNotContain(acme.DocumentId, visible);

        // The database itself refuses, not only the query filter: raw SQL as the app role under Bharat's scope.
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Bharat.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var raw = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM knowledge_chunks WHERE document_id = {acme.DocumentId}").SingleAsync();
        Assert.Equal(0, raw);
    }

    [Fact]
    public async Task ATenant_CannotWriteTheGlobalCorpus()
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        db.KnowledgeDocuments.Add(new KnowledgeDocument { Id = Guid.NewGuid(), TenantId = null, SourceKey = _key + ":sneaky", Title = "x", ContentHash = new string('0', 64), EmbeddingModel = "m" });
        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, Assert.IsType<PostgresException>(ex.InnerException).SqlState);
    }

    [Fact]
    public async Task TheNearestChunk_ByCosineDistance_IsTheOneAboutTheQuestion_AndFullTextFindsThePhrase()
    {
        var tenant = DemoWorld.Acme.TenantId;
        var doc = await _ingestor.IngestAsync(Doc(tenant, _key, Guide), Actor.System("test"), Channel.Cli);
        var question = new Vector(HashedNgramEmbedder.Embed("late fee for GSTR-3B"));
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        var nearest = await db.KnowledgeChunks.Where(c => c.DocumentId == doc.DocumentId)
            .OrderBy(c => c.Embedding.CosineDistance(question)).Select(c => c.Section).FirstAsync();
        Assert.Equal("GSTR-3B › Late fee", nearest);

        var fullText = await db.KnowledgeChunks.Where(c => c.DocumentId == doc.DocumentId && c.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", "nil return")))
            .Select(c => c.Section).ToListAsync();
        Assert.Equal(["GSTR-3B › Late fee"], fullText);

        // Both halves are indexed: HNSW over cosine distance (within its 2,000-dimension limit) and GIN over the text.
        var indexes = await db.Database.SqlQuery<string>($"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'knowledge_chunks'").ToListAsync();
        Assert.Contains(indexes, i => i.Contains("USING hnsw (embedding vector_cosine_ops)", StringComparison.Ordinal));
        Assert.Contains(indexes, i => i.Contains("USING gin (search_vector)", StringComparison.Ordinal));
    }

    private async Task<List<Guid>> ChunkIdsAsync(Guid tenant, Guid documentId)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.KnowledgeChunks.Where(c => c.DocumentId == documentId).OrderBy(c => c.Ordinal).Select(c => c.Id).ToListAsync();
    }

    private async Task<List<Guid>> DocumentIdsAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.KnowledgeDocuments.Select(d => d.Id).ToListAsync();
    }
}
