using ComplianceOs.Domain.Knowledge;
using UglyToad.PdfPig;

namespace ComplianceOs.Rag.Ingestion;

/// <summary>
/// Reads a reference document from disk into chunks: Markdown and text as they are, PDFs page by page through PdfPig.
/// A PDF without a text layer (a scan) is reported as such rather than ingested empty.
/// </summary>
public static class DocumentFiles
{
    public static readonly string[] Extensions = [".md", ".markdown", ".txt", ".pdf"];

    /// <summary>The first URL of a "Source:" line near the top (how notes and circulars name where they come from).</summary>
    private static string? SourceUrl(string text) =>
        text.Split('\n').Take(15).Select(l => l.Trim())
            .Where(l => l.StartsWith("Source:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Sources:", StringComparison.OrdinalIgnoreCase))
            .SelectMany(l => l[(l.IndexOf(':') + 1)..].Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));

    /// <summary>A file from disk, by its extension: Markdown, text or PDF.</summary>
    /// <returns>The document, or null and the reason it cannot be ingested.</returns>
    public static (IngestDocument? Document, string? Problem) Read(Guid? tenantId, string path, string sourceKey)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            return (null, $"{Path.GetFileName(path)}: only Markdown, text and PDF files can be ingested, not '{extension}'");
        }

        if (extension == ".pdf")
        {
            using var file = File.OpenRead(path);
            return ReadPdf(tenantId, file, Path.GetFileName(path), sourceKey);
        }

        return ReadText(tenantId, File.ReadAllText(path), Path.GetFileName(path), sourceKey, extension == ".txt" ? KnowledgeKind.Text : KnowledgeKind.Markdown);
    }

    /// <summary>A PDF from a seekable stream (an upload already checked for size), named <paramref name="fileName"/>.</summary>
    /// <returns>The document, or null and the reason it cannot be ingested.</returns>
    public static (IngestDocument? Document, string? Problem) ReadPdf(Guid? tenantId, Stream pdf, string fileName, string sourceKey)
    {
        List<string> pages;
        string title;
        try
        {
            using var document = PdfDocument.Open(pdf);
            pages = document.GetPages().Select(p => p.Text).ToList();
            title = string.IsNullOrWhiteSpace(document.Information.Title) ? Path.GetFileNameWithoutExtension(fileName) : document.Information.Title.Trim();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, $"{fileName}: not a readable PDF ({ex.GetType().Name})");
        }

        if (pages.All(string.IsNullOrWhiteSpace))
        {
            return (null, $"{fileName}: the PDF has no text layer (a scanned document?); ingest a text version or run OCR first");
        }

        return (new IngestDocument(tenantId, sourceKey, title, KnowledgeKind.Pdf, null, Chunker.ChunkPdf(pages)), null);
    }

    /// <summary>Markdown or plain text already decoded, named <paramref name="fileName"/>; titled by its first "# " heading.</summary>
    /// <returns>The document, or null and the reason it cannot be ingested.</returns>
    public static (IngestDocument? Document, string? Problem) ReadText(Guid? tenantId, string text, string fileName, string sourceKey, KnowledgeKind kind)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, $"{fileName}: the file is empty");
        }

        var heading = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        var title = heading is null ? Path.GetFileNameWithoutExtension(fileName) : heading[2..].Trim();
        return (new IngestDocument(tenantId, sourceKey, title, kind, SourceUrl(text), Chunker.Chunk(text)), null);
    }
}
