namespace ComplianceOs.Domain.EvidenceVault.Inspection;

/// <summary>
/// Decides a file's type from its bytes, never from its name, then holds the name to it: an .pdf must be a PDF.
/// Programs and scripts are refused whatever they are called. See <see cref="InspectionLimits"/> for the bounds.
/// </summary>
/// <remarks>
/// Order matters: programs are named first (an EXE called invoice.pdf is reported as a Windows program); then the
/// extension must be one the vault takes; then the signature must match the extension before any deeper check
/// runs, so no effort (and no unpacking) is spent on a file that is refused anyway.
/// </remarks>
public sealed class ContentInspector : IContentInspector
{
    private static readonly Dictionary<string, EvidenceFileType> TypeByExtension = new(StringComparer.Ordinal)
    {
        [".pdf"] = EvidenceFileType.Pdf,
        [".png"] = EvidenceFileType.Png,
        [".jpg"] = EvidenceFileType.Jpeg,
        [".jpeg"] = EvidenceFileType.Jpeg,
        [".xlsx"] = EvidenceFileType.Xlsx,
        [".docx"] = EvidenceFileType.Docx,
        [".csv"] = EvidenceFileType.Csv,
        [".txt"] = EvidenceFileType.Text,
        [".text"] = EvidenceFileType.Text,
        [".log"] = EvidenceFileType.Text,
        [".md"] = EvidenceFileType.Text,
    };

    /// <summary>The content type stored (and served) for each accepted kind.</summary>
    public static string ContentTypeOf(EvidenceFileType type) => type switch
    {
        EvidenceFileType.Pdf => "application/pdf",
        EvidenceFileType.Png => "image/png",
        EvidenceFileType.Jpeg => "image/jpeg",
        EvidenceFileType.Xlsx => OoxmlPackage.XlsxContentType,
        EvidenceFileType.Docx => OoxmlPackage.DocxContentType,
        EvidenceFileType.Csv => "text/csv",
        EvidenceFileType.Text => "text/plain",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <inheritdoc />
    public InspectionResult Inspect(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        if (!content.CanRead || !content.CanSeek)
        {
            throw new ArgumentException("Inspection needs a readable, seekable stream (the staged local copy).", nameof(content));
        }

        try
        {
            return InspectCore(content, fileName);
        }
        finally
        {
            content.Position = 0;
        }
    }

    private static InspectionResult InspectCore(Stream content, string fileName)
    {
        var length = content.Length;
        if (length == 0)
        {
            return InspectionResult.Refuse(Refusals.Empty);
        }

        var head = ReadAt(content, 0, (int)Math.Min(length, InspectionLimits.PdfHeaderWindow));
        var tailLength = (int)Math.Min(length, InspectionLimits.PdfTrailerWindow);
        var tail = ReadAt(content, length - tailLength, tailLength);
        var signature = MagicBytes.Identify(head, tail);
        var extension = SafeFileName.Extension(fileName);
        var known = TypeByExtension.TryGetValue(extension, out var expected);

        if (MagicBytes.IsProgram(signature))
        {
            return InspectionResult.Refuse(Refusals.Program(extension, signature, known));
        }

        if (!known)
        {
            return InspectionResult.Refuse(
                extension.Length == 0 ? Refusals.NoExtension : Refusals.UnacceptedExtension(extension));
        }

        return signature switch
        {
            Signature.Pdf when expected == EvidenceFileType.Pdf => MagicBytes.HasPdfEnd(tail)
                ? Accept(EvidenceFileType.Pdf)
                : InspectionResult.Refuse(Refusals.TruncatedPdf),
            Signature.Png when expected == EvidenceFileType.Png => MagicBytes.HasPngHeaderChunk(head)
                ? Accept(EvidenceFileType.Png)
                : InspectionResult.Refuse(Refusals.DamagedPng),
            Signature.Jpeg when expected == EvidenceFileType.Jpeg => MagicBytes.HasJpegEnd(tail)
                ? Accept(EvidenceFileType.Jpeg)
                : InspectionResult.Refuse(Refusals.TruncatedJpeg),
            Signature.Zip when expected is EvidenceFileType.Xlsx or EvidenceFileType.Docx =>
                OoxmlPackage.Inspect(content, extension, expected),
            Signature.OfficeCompound when expected is EvidenceFileType.Xlsx or EvidenceFileType.Docx =>
                InspectionResult.Refuse(Refusals.OfficeCompound(extension)),
            Signature.None => InspectText(content, extension, expected),
            _ => InspectionResult.Refuse(Refusals.Mismatch(extension, MagicBytes.Describe(signature))),
        };
    }

    private static InspectionResult InspectText(Stream content, string extension, EvidenceFileType expected)
    {
        var isTextName = expected is EvidenceFileType.Csv or EvidenceFileType.Text;
        var sniff = TextSniffer.Sniff(content);
        return sniff.Kind switch
        {
            TextKind.Text when isTextName => Accept(expected),
            TextKind.Text => InspectionResult.Refuse(Refusals.Mismatch(extension, "plain text")),
            TextKind.WebContent when isTextName => InspectionResult.Refuse(Refusals.WebContent),
            TextKind.WebContent => InspectionResult.Refuse(Refusals.Mismatch(extension, "a web page (HTML or SVG)")),
            _ when isTextName => InspectionResult.Refuse(Refusals.NotCleanText(sniff.Problem!)),
            _ => InspectionResult.Refuse(Refusals.Unrecognised(extension, expected)),
        };
    }

    private static InspectionResult Accept(EvidenceFileType type) => InspectionResult.Accept(type, ContentTypeOf(type));

    private static byte[] ReadAt(Stream content, long offset, int count)
    {
        var buffer = new byte[count];
        content.Position = offset;
        content.ReadExactly(buffer);
        return buffer;
    }
}
