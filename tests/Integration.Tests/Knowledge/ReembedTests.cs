using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Rag.Embeddings;
using ComplianceOs.Rag.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace ComplianceOs.Integration.Tests.Knowledge;

/// <summary>A change of embedding model re-embeds every document from its stored chunks, once, and audits it.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ReembedTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task AnotherModel_ReembedsStoredChunks_AndARerunDoesNothing()
    {
        await fixture.Get<DemoSeed>().RunAsync(new NodaTime.LocalDate(2026, 11, 22));
        var key = TestKnowledge.KeyPrefix + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await ReembedsAsync(key);
        }
        finally
        {
            await TestKnowledge.RemoveAsync(fixture, key);
        }
    }

    private async Task ReembedsAsync(string key)
    {
        var builtIn = new HashedNgramEmbedder();
        var first = new KnowledgeIngestor(fixture.Dbs, builtIn, fixture.Get<AuditLog>(), TimeProvider.System);
        await first.IngestAsync(new IngestDocument(DemoWorld.Bharat.TenantId, key, "Bharat treasury note", KnowledgeKind.Markdown, null,
            Chunker.Chunk("# Escrow\n\nThe escrow account is reconciled monthly.\n\n# Loans\n\nDirector loans are declared in DPT-3.")), Actor.System("test"), Channel.Cli);

        var other = new RenamedEmbedder(builtIn, "other-model-v1");
        var ingestor = new KnowledgeIngestor(fixture.Dbs, other, fixture.Get<AuditLog>(), TimeProvider.System);
        var reembedder = new Reembedder(fixture.Dbs, ingestor, other);
        Assert.True(await reembedder.RunAsync(Actor.System("test"), Channel.Cli) >= 1);
        Assert.Equal(0, await reembedder.RunAsync(Actor.System("test"), Channel.Cli));

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Bharat.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var document = await db.KnowledgeDocuments.AsNoTracking().SingleAsync(d => d.SourceKey == key);
        Assert.Equal("other-model-v1", document.EmbeddingModel);
        Assert.Equal(2, await db.KnowledgeChunks.CountAsync(c => c.DocumentId == document.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.KnowledgeDocumentReplaced && a.TargetId == document.Id.ToString()));
    }

    /// <summary>The built-in vectors under another model's name: what matters here is that the name differs.</summary>
    private sealed class RenamedEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner, string model) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.GenerateAsync(values, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", null, model, 1024) : null;

        public void Dispose()
        {
        }
    }
}
