using System.Security.Cryptography;
using System.Text;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using NodaTime;
using Npgsql;

namespace ComplianceOs.Rag.Ingestion;

/// <summary>A document to (re)ingest: its scope (a tenant, or null for the global corpus), key, title and chunks.</summary>
public sealed record IngestDocument(Guid? TenantId, string SourceKey, string Title, KnowledgeKind Kind, string? SourceUrl, IReadOnlyList<TextChunk> Chunks);

public enum IngestOutcome
{
    Added,
    Replaced,
    Unchanged,
}

public sealed record IngestResult(Guid DocumentId, IngestOutcome Outcome, int Chunks);

/// <summary>
/// Stores a document's chunks with their embeddings. The same text with the same embedding model changes nothing
/// (content hash); a changed text, or another model, replaces the document's chunks in one transaction, so a reader
/// sees the old chunks or the new, never a mix. Every change is audited — in the tenant's chain, or the platform's
/// for the global corpus. Two ingestions of the same new document racing meet at the unique key, and the loser
/// starts again and finds the winner's work.
/// </summary>
public sealed class KnowledgeIngestor(ComplianceDbFactory dbs, IEmbeddingGenerator<string, Embedding<float>> embedder, AuditLog audit, TimeProvider clock)
{
    public async Task<IngestResult> IngestAsync(IngestDocument document, Actor actor, Channel channel, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryIngestAsync(document, actor, channel, ct);
            }
            catch (DbUpdateException ex) when (attempt == 1 && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Someone else added it meanwhile: look again.
            }
        }
    }

    private async Task<IngestResult> TryIngestAsync(IngestDocument document, Actor actor, Channel channel, CancellationToken ct)
    {
        var model = ModelOf(embedder);
        var hash = ContentHash(document);
        await using var db = document.TenantId is { } tenant ? dbs.ForTenant(tenant) : dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.KnowledgeDocuments
            .FromSql($"SELECT * FROM knowledge_documents WHERE tenant_id IS NOT DISTINCT FROM {document.TenantId} AND source_key = {document.SourceKey} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (existing is not null && existing.ContentHash == hash && existing.EmbeddingModel == model)
        {
            return new IngestResult(existing.Id, IngestOutcome.Unchanged, existing.ChunkCount);
        }

        var vectors = document.Chunks.Count == 0
            ? []
            : await embedder.GenerateAsync(document.Chunks.Select(c => Embeddable(document.Title, c)), cancellationToken: ct);
        var before = existing is null ? null : new { existing.Title, existing.ContentHash, existing.EmbeddingModel, existing.ChunkCount };
        var row = existing ?? new KnowledgeDocument
        {
            Id = Guid.NewGuid(),
            TenantId = document.TenantId,
            SourceKey = document.SourceKey,
            Title = document.Title,
            ContentHash = hash,
            EmbeddingModel = model,
        };
        if (existing is null)
        {
            db.KnowledgeDocuments.Add(row);
        }
        else
        {
            await db.KnowledgeChunks.Where(c => c.DocumentId == existing.Id).ExecuteDeleteAsync(ct);
        }

        row.Title = document.Title;
        row.Kind = document.Kind;
        row.SourceUrl = document.SourceUrl;
        row.ContentHash = hash;
        row.EmbeddingModel = model;
        row.ChunkCount = document.Chunks.Count;
        row.IngestedAt = Instant.FromDateTimeOffset(clock.GetUtcNow());
        for (var i = 0; i < document.Chunks.Count; i++)
        {
            var chunk = document.Chunks[i];
            db.KnowledgeChunks.Add(new KnowledgeChunk
            {
                Id = Guid.NewGuid(),
                DocumentId = row.Id,
                TenantId = document.TenantId,
                Ordinal = i,
                Section = chunk.Section,
                Page = chunk.Page,
                Text = chunk.Text,
                Embedding = new Pgvector.Vector(vectors[i].Vector),
            });
        }

        await audit.AppendAsync(
            db, document.TenantId ?? AuditLog.PlatformChain, actor, channel, null,
            new AuditRecord(
                existing is null ? AuditAction.KnowledgeDocumentIngested : AuditAction.KnowledgeDocumentReplaced,
                "KnowledgeDocument", row.Id.ToString(), before,
                new { row.SourceKey, row.Title, row.ContentHash, row.EmbeddingModel, row.ChunkCount }),
            ct);
        await tx.CommitAsync(ct);
        return new IngestResult(row.Id, existing is null ? IngestOutcome.Added : IngestOutcome.Replaced, row.ChunkCount);
    }

    /// <summary>The model id stored with each document: a different one means its vectors must be recomputed.</summary>
    public static string ModelOf(IEmbeddingGenerator<string, Embedding<float>> embedder) =>
        embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? embedder.GetType().Name;

    /// <summary>What is embedded: the passage with its title and section, so "GSTR-3B › Late fee" counts.</summary>
    private static string Embeddable(string title, TextChunk chunk) =>
        chunk.Section is null ? $"{title}\n{chunk.Text}" : $"{title} › {chunk.Section}\n{chunk.Text}";

    private static string ContentHash(IngestDocument document)
    {
        var text = new StringBuilder(document.Title).Append('\u001e').Append(document.SourceUrl).Append('\u001e');
        foreach (var c in document.Chunks)
        {
            text.Append(c.Section).Append('\u001f').Append(c.Page).Append('\u001f').Append(c.Text).Append('\u001e');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
