namespace ComplianceOs.Rag.Ingestion;

/// <summary>One retrievable piece of a document, with where it came from for the citation.</summary>
/// <param name="Section">The heading path above the text ("GSTR-3B › Late fee"), or null before the first heading.</param>
/// <param name="Page">The PDF page the text starts on (1-based), null for text and Markdown.</param>
public sealed record TextChunk(int Ordinal, string? Section, int? Page, string Text);
