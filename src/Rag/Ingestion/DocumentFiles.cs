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

    /// <returns>The document, or null and the reason it cannot be ingested.</returns>
    /// <summary>The first URL of a "Source:" line near the top (how notes and circulars name where they come from).</summary>
    private static string? SourceUrl(string text) =>
        text.Split('\n').Take(15).Select(l => l.Trim())
            .Where(l => l.StartsWith("Source:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Sources:", StringComparison.OrdinalIgnoreCase))
            .SelectMany(l => l[(l.IndexOf(':') + 1)..].Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));

    public static (IngestDocument? Document, string? Problem) Read(Guid? tenantId, string path, string sourceKey)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            return (null, $"{Path.GetFileName(path)}: only Markdown, text and PDF files can be ingested, not '{extension}'");
        }

        if (extension == ".pdf")
        {
            List<string> pages;
            string title;
            try
            {
                using var pdf = PdfDocument.Open(path);
                pages = pdf.GetPages().Select(p => p.Text).ToList();
                title = string.IsNullOrWhiteSpace(pdf.Information.Title) ? Path.GetFileNameWithoutExtension(path) : pdf.Information.Title.Trim();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return (null, $"{Path.GetFileName(path)}: not a readable PDF ({ex.GetType().Name})");
            }

            if (pages.All(string.IsNullOrWhiteSpace))
            {
                return (null, $"{Path.GetFileName(path)}: the PDF has no text layer (a scanned document?); ingest a text version or run OCR first");
            }

            return (new IngestDocument(tenantId, sourceKey, title, KnowledgeKind.Pdf, null, Chunker.ChunkPdf(pages)), null);
        }

        var text = File.ReadAllText(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, $"{Path.GetFileName(path)}: the file is empty");
        }

        var heading = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        var docTitle = heading is null ? Path.GetFileNameWithoutExtension(path) : heading[2..].Trim();
        var kind = extension == ".txt" ? KnowledgeKind.Text : KnowledgeKind.Markdown;
        return (new IngestDocument(tenantId, sourceKey, docTitle, kind, SourceUrl(text), Chunker.Chunk(text)), null);
    }
}
