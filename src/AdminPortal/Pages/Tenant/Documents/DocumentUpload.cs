using System.Text;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Rag.Ingestion;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Documents;

/// <summary>
/// An uploaded reference document, checked before anything is stored: at most <see cref="MaxBytes"/>, a name ending
/// in .pdf, .md or .markdown, and content that is what the name says — a PDF starts with <c>%PDF-</c>, Markdown is
/// UTF-8 text. The upload is read as a stream into memory no larger than the limit (the declared length is not
/// trusted), then chunked by the assistant's own readers.
/// </summary>
public static class DocumentUpload
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>The request limit: the file's limit and room for the form around it, so an oversize file gets a message, not a dropped connection.</summary>
    public const long MaxRequestBytes = MaxBytes + (256 * 1024);

    public const string Accept = ".pdf,.md,.markdown,application/pdf,text/markdown";

    private const int MaxTitleLength = 400;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The source key an upload is stored under within its tenant: its file name.</summary>
    public static string SourceKey(string fileName) => "upload:" + fileName;

    /// <returns>The document to ingest, or null and a sentence for the person who uploaded it.</returns>
    public static async Task<(IngestDocument? Document, string? Problem)> ReadAsync(IFormFile? file, Guid tenantId, string sourceKey, CancellationToken ct)
    {
        if (file is null)
        {
            return (null, "Choose a PDF or Markdown file to upload.");
        }

        var name = FileName(file);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension is not (".pdf" or ".md" or ".markdown"))
        {
            return (null, $"{name}: only PDF (.pdf) and Markdown (.md) documents can be uploaded.");
        }

        if (file.Length > MaxBytes)
        {
            return (null, $"{name} is {Megabytes(file.Length)}; a document can be at most {Megabytes(MaxBytes)}.");
        }

        using var content = new MemoryStream();
        await using (var upload = file.OpenReadStream())
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await upload.ReadAsync(buffer, ct)) > 0)
            {
                if (content.Length + read > MaxBytes)
                {
                    return (null, $"{name} is larger than {Megabytes(MaxBytes)}, the most a document can be.");
                }

                content.Write(buffer, 0, read);
            }
        }

        if (content.Length == 0)
        {
            return (null, $"{name} is empty.");
        }

        content.Position = 0;
        var (document, problem) = extension == ".pdf" ? ReadPdf(content, name, tenantId, sourceKey) : ReadMarkdown(content, name, tenantId, sourceKey);
        return document is null
            ? (null, problem)
            : (document.Title.Length > MaxTitleLength ? document with { Title = document.Title[..MaxTitleLength] } : document, null);
    }

    /// <summary>The name the browser sent, without any folder part (some browsers send a full path).</summary>
    public static string FileName(IFormFile file)
    {
        var name = Path.GetFileName(file.FileName.Replace('\\', '/')).Trim();
        return name.Length > 200 ? name[^200..] : name;
    }

    private static (IngestDocument?, string?) ReadPdf(MemoryStream content, string name, Guid tenantId, string sourceKey)
    {
        if (!content.GetBuffer().AsSpan(0, (int)content.Length).StartsWith(PdfMagic))
        {
            return (null, $"{name} is not a PDF: its content does not start as a PDF does (%PDF-).");
        }

        return DocumentFiles.ReadPdf(tenantId, content, name, sourceKey);
    }

    private static (IngestDocument?, string?) ReadMarkdown(MemoryStream content, string name, Guid tenantId, string sourceKey)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(content.GetBuffer(), 0, (int)content.Length);
        }
        catch (DecoderFallbackException)
        {
            return (null, $"{name} is not Markdown: it is not UTF-8 text.");
        }

        // Valid UTF-8 can still be binary (NUL bytes decode fine); text documents have none.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return (null, $"{name} is not Markdown: it holds binary content.");
        }

        return DocumentFiles.ReadText(tenantId, text.TrimStart('\uFEFF'), name, sourceKey, KnowledgeKind.Markdown);
    }

    public static string Passages(int count) => count == 1 ? "1 passage" : $"{count} passages";

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
