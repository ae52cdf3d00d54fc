namespace ComplianceOs.Rag.Retrieval;

/// <summary>A passage found for a question, with what its citation needs, why it ranked where it did, and its place in its document.</summary>
public sealed record RetrievedPassage(
    Guid ChunkId,
    Guid DocumentId,
    string SourceKey,
    string Title,
    string? Section,
    int? Page,
    string? SourceUrl,
    string Text,
    double Score,
    int? VectorRank,
    int? TextRank,
    int Ordinal = 0);
