using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace ComplianceOs.Rag.Ingestion;

/// <summary>
/// After the embedding model changes (another endpoint, model or dimension), re-embeds every document — the global
/// corpus and each tenant's — from the chunks already stored, so no source file is needed. Each document is replaced
/// by the ingestor in its own transaction and audited there; documents already on the current model are left alone,
/// so a rerun does nothing.
/// </summary>
public sealed class Reembedder(ComplianceDbFactory dbs, KnowledgeIngestor ingestor, IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    public async Task<int> RunAsync(Actor actor, Channel channel, CancellationToken ct = default)
    {
        var model = KnowledgeIngestor.ModelOf(embedder);
        List<Guid> tenants;
        await using (var db = dbs.ForPlatform())
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            tenants = await db.Tenants.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
        }

        var done = await RunScopeAsync(null, model, actor, channel, ct);
        foreach (var tenant in tenants)
        {
            done += await RunScopeAsync(tenant, model, actor, channel, ct);
        }

        return done;
    }

    private async Task<int> RunScopeAsync(Guid? tenant, string model, Actor actor, Channel channel, CancellationToken ct)
    {
        List<IngestDocument> stale;
        await using (var db = tenant is { } t ? dbs.ForTenant(t) : dbs.ForPlatform())
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var documents = await db.KnowledgeDocuments.AsNoTracking()
                .Where(d => d.TenantId == tenant && d.EmbeddingModel != model).ToListAsync(ct);
            var ids = documents.Select(d => d.Id).ToList();
            var chunks = (await db.KnowledgeChunks.AsNoTracking().Where(c => ids.Contains(c.DocumentId))
                .Select(c => new { c.DocumentId, c.Ordinal, c.Section, c.Page, c.Text }).ToListAsync(ct))
                .ToLookup(c => c.DocumentId);
            stale = documents.Select(d => new IngestDocument(d.TenantId, d.SourceKey, d.Title, d.Kind, d.SourceUrl,
                chunks[d.Id].OrderBy(c => c.Ordinal).Select(c => new TextChunk(c.Ordinal, c.Section, c.Page, c.Text)).ToList())).ToList();
        }

        foreach (var document in stale)
        {
            await ingestor.IngestAsync(document, actor, channel, ct);
        }

        return stale.Count;
    }
}
