using NodaTime;

namespace ComplianceOs.Domain.Knowledge;

/// <summary>
/// A document the assistant answers from: a compliance master in words, a circular or note shipped with the product
/// (global: <see cref="TenantId"/> null), or a tenant's own reference document. Identified by its source key within
/// its scope; <see cref="ContentHash"/> and <see cref="EmbeddingModel"/> say whether its chunks are current.
/// </summary>
public sealed class KnowledgeDocument
{
    public Guid Id { get; set; }

    /// <summary>Null for the global corpus every tenant reads; else the one tenant that sees it.</summary>
    public Guid? TenantId { get; set; }

    /// <summary>Stable within the scope: <c>master:GSTR3B</c>, a file's relative path, an upload's name.</summary>
    public required string SourceKey { get; set; }

    public required string Title { get; set; }

    public KnowledgeKind Kind { get; set; }

    /// <summary>Where a reader can check the text (the statute, the portal, the circular), for citations.</summary>
    public string? SourceUrl { get; set; }

    /// <summary>SHA-256 of the extracted text: the same text again changes nothing.</summary>
    public required string ContentHash { get; set; }

    /// <summary>The model its chunks were embedded with; another model means re-embedding.</summary>
    public required string EmbeddingModel { get; set; }

    public int ChunkCount { get; set; }

    public Instant IngestedAt { get; set; }
}

public enum KnowledgeKind
{
    Master,
    Markdown,
    Pdf,
    Text,
}
