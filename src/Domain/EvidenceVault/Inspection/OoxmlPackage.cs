using System.IO.Compression;
using System.Xml;

namespace ComplianceOs.Domain.EvidenceVault.Inspection;

/// <summary>
/// Decides whether a ZIP is a real XLSX or DOCX, refusing zip bombs on the way without ever holding more than a
/// fixed buffer of unpacked bytes (plus the small <c>[Content_Types].xml</c> and the head of the main part).
/// </summary>
/// <remarks>
/// <see cref="ZipArchive"/> trusts each entry's declared unpacked size: given a directory that says 1,000 bytes for
/// an entry of many megabytes, it silently returns the first 1,000 (measured on .NET 10). So the package is read
/// twice. <see cref="ZipDirectory"/> walks the raw structure and every entry is inflated here from its raw bytes,
/// counting real output against the declared size, the compression ratio and a running total. And ZipArchive, the
/// reader downstream code uses, must list the same entries with the same sizes, so both readers agree on the file.
/// </remarks>
internal static class OoxmlPackage
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string ContentTypesPart = "[Content_Types].xml";

    private const string ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";

    private const int BufferSize = 64 * 1024;

    private const int MainPartHeadBytes = 64 * 1024;

    private static readonly Kind Workbook = new(
        EvidenceFileType.Xlsx,
        XlsxContentType,
        "xl/workbook.xml",
        "workbook",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml");

    private static readonly Kind Document = new(
        EvidenceFileType.Docx,
        DocxContentType,
        "word/document.xml",
        "document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml");

    /// <summary>
    /// Inspects <paramref name="content"/> (a seekable ZIP) for a file named with <paramref name="extension"/>,
    /// which maps to <paramref name="expected"/> (<see cref="EvidenceFileType.Xlsx"/> or
    /// <see cref="EvidenceFileType.Docx"/>). Malformed input never throws: whatever a ZIP or XML reader chokes on
    /// becomes a refusal.
    /// </summary>
    public static InspectionResult Inspect(Stream content, string extension, EvidenceFileType expected)
    {
        try
        {
            return InspectCore(content, extension, expected);
        }
        catch (InvalidDataException)
        {
            return InspectionResult.Refuse(Refusals.NotValidOffice(expected, "its ZIP structure is damaged"));
        }
        catch (XmlException)
        {
            return InspectionResult.Refuse(Refusals.NotValidOffice(expected, "its XML is damaged"));
        }
    }

    private static InspectionResult InspectCore(Stream content, string extension, EvidenceFileType expected)
    {
        var read = ZipDirectory.Read(content, InspectionLimits.MaxPackageEntries);
        if (read.Directory is not { } directory)
        {
            return InspectionResult.Refuse(read.Fault switch
            {
                ZipFault.Zip64 => Refusals.Zip64(expected),
                ZipFault.TooManyEntries => Refusals.TooManyParts(read.Detail),
                _ => Refusals.NotValidOffice(expected, read.Detail),
            });
        }

        if (!StandardReaderAgrees(content, directory))
        {
            return Invalid(expected, "different ZIP readers see different contents in it");
        }

        var contentTypes = Find(directory, ContentTypesPart);
        var workbook = Find(directory, Workbook.MainPart);
        var document = Find(directory, Document.MainPart);
        if (workbook is not null && document is not null)
        {
            return Invalid(expected, "it holds both a workbook and a document");
        }

        var (kind, mainPart) = workbook is not null ? (Workbook, workbook) : (Document, document);
        if (contentTypes is null || mainPart is null)
        {
            return InspectionResult.Refuse(Refusals.NotOfficePackage(extension, expected));
        }

        if (kind.Type != expected)
        {
            return InspectionResult.Refuse(Refusals.Mismatch(extension, Refusals.Describe(kind.Type)));
        }

        if (directory.Entries.Any(e => e.IsEncrypted))
        {
            return InspectionResult.Refuse(Refusals.PasswordProtected(expected));
        }

        if (directory.Entries.Any(e => e.Name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
        {
            return InspectionResult.Refuse(Refusals.MacroEnabled(expected));
        }

        if (CheckDeclaredSizes(directory, contentTypes, expected) is { } declaredProblem)
        {
            return InspectionResult.Refuse(declaredProblem);
        }

        var unpackProblem = Unpack(
            content, directory, contentTypes, mainPart, expected, out var contentTypesXml, out var mainPartHead);
        return unpackProblem is not null
            ? InspectionResult.Refuse(unpackProblem)
            : Verdict(kind, contentTypesXml, mainPartHead);
    }

    /// <summary>The directory's own figures, checked before unpacking a byte: an honest bomb stops here.</summary>
    private static string? CheckDeclaredSizes(ZipDirectory directory, ZipEntry contentTypes, EvidenceFileType expected)
    {
        var declaredTotal = 0L;
        foreach (var entry in directory.Entries)
        {
            if (entry.Method is not (ZipEntry.Stored or ZipEntry.Deflated))
            {
                return Refusals.NotValidOffice(expected, "it uses a compression method Office never uses");
            }

            if (entry.Method == ZipEntry.Stored && entry.CompressedSize != entry.UncompressedSize)
            {
                return Refusals.NotValidOffice(expected, $"the sizes of {PartName.Describe(entry.Name)} disagree");
            }

            declaredTotal += entry.UncompressedSize;
            if (declaredTotal > InspectionLimits.MaxUnpackedBytes)
            {
                return Refusals.TooMuchUnpacked;
            }

            if (IsTooCompressed(entry.UncompressedSize, entry.CompressedSize))
            {
                return Refusals.CompressionRatio(entry.Name);
            }
        }

        return contentTypes.UncompressedSize > InspectionLimits.MaxContentTypesBytes
            ? Refusals.NotValidOffice(expected, "its [Content_Types].xml is implausibly large")
            : null;
    }

    /// <summary>
    /// Inflates every entry from its raw bytes through one fixed buffer, stopping at the first buffer that goes past
    /// what the directory declared (sizes can lie) or past the running total. Keeps only the content types part and
    /// the head of the main part.
    /// </summary>
    private static string? Unpack(
        Stream content,
        ZipDirectory directory,
        ZipEntry contentTypes,
        ZipEntry mainPart,
        EvidenceFileType expected,
        out byte[] contentTypesXml,
        out byte[] mainPartHead)
    {
        contentTypesXml = [];
        mainPartHead = [];
        var buffer = new byte[BufferSize];
        var total = 0L;
        foreach (var entry in directory.Entries.OrderBy(e => e.DataStart))
        {
            var isContentTypes = ReferenceEquals(entry, contentTypes);
            var isMainPart = ReferenceEquals(entry, mainPart);
            var keep = isContentTypes ? (int)entry.UncompressedSize
                : isMainPart ? (int)Math.Min(entry.UncompressedSize, MainPartHeadBytes)
                : 0;
            var kept = isContentTypes || isMainPart ? new MemoryStream(keep) : null;

            using var window = new WindowStream(content, entry.DataStart, entry.CompressedSize);
            using var data = entry.Method == ZipEntry.Deflated
                ? new DeflateStream(window, CompressionMode.Decompress)
                : (Stream)window;
            var produced = 0L;
            int n;
            while ((n = data.Read(buffer)) > 0)
            {
                produced += n;
                total += n;
                // Real bytes never get past the declared size, so the ratio and total already checked on the
                // declared figures hold for the real ones too. The running total is counted anyway, so the bound
                // stands on its own should the per-entry check ever change.
                if (produced > entry.UncompressedSize)
                {
                    return Refusals.SizeLie(entry.Name);
                }

                if (total > InspectionLimits.MaxUnpackedBytes)
                {
                    return Refusals.TooMuchUnpacked;
                }

                if (kept is not null && kept.Length < keep)
                {
                    kept.Write(buffer, 0, (int)Math.Min(n, keep - kept.Length));
                }
            }

            if (produced != entry.UncompressedSize)
            {
                return Refusals.NotValidOffice(expected, $"{PartName.Describe(entry.Name)} is shorter than its directory declares");
            }

            if (isContentTypes)
            {
                contentTypesXml = kept!.ToArray();
            }
            else if (isMainPart)
            {
                mainPartHead = kept!.ToArray();
            }
        }

        return null;
    }

    private static InspectionResult Verdict(Kind kind, byte[] contentTypesXml, byte[] mainPartHead)
    {
        var (declared, declaresMacros) = ReadContentTypes(contentTypesXml, kind.MainPart);
        if (declaresMacros || (declared?.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return InspectionResult.Refuse(Refusals.MacroEnabled(kind.Type));
        }

        if (string.Equals(declared, kind.TemplateContentType, StringComparison.OrdinalIgnoreCase))
        {
            return InspectionResult.Refuse(Refusals.Template(kind.Type));
        }

        if (!string.Equals(declared, kind.MainContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid(kind.Type, $"its [Content_Types].xml does not declare {kind.MainPart} as a {kind.RootElement}");
        }

        if (RootElement(mainPartHead) != kind.RootElement)
        {
            return Invalid(kind.Type, $"{kind.MainPart} is not a {kind.RootElement}");
        }

        return InspectionResult.Accept(kind.Type, kind.ContentType);
    }

    /// <summary>The content type declared for the main part (its Override, else the Default for .xml), and whether
    /// any declaration names a VBA project.</summary>
    private static (string? MainPartType, bool DeclaresMacros) ReadContentTypes(byte[] xml, string mainPart)
    {
        using var reader = XmlReader.Create(new MemoryStream(xml), SafeXml());
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Types"
            || reader.NamespaceURI != ContentTypesNamespace)
        {
            return (null, false);
        }

        string? overrideType = null;
        string? defaultType = null;
        var declaresMacros = false;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != ContentTypesNamespace)
            {
                continue;
            }

            var contentType = reader.GetAttribute("ContentType");
            declaresMacros |= contentType?.Contains("vbaProject", StringComparison.OrdinalIgnoreCase) ?? false;
            if (reader.LocalName == "Override"
                && string.Equals(reader.GetAttribute("PartName"), "/" + mainPart, StringComparison.OrdinalIgnoreCase))
            {
                overrideType = contentType;
            }
            else if (reader.LocalName == "Default"
                && string.Equals(reader.GetAttribute("Extension"), "xml", StringComparison.OrdinalIgnoreCase))
            {
                defaultType = contentType;
            }
        }

        return (overrideType ?? defaultType, declaresMacros);
    }

    private static string? RootElement(byte[] head)
    {
        // Only the head of the part was kept; the root element's start tag is all that is read from it.
        using var reader = XmlReader.Create(new MemoryStream(head), SafeXml());
        return reader.MoveToContent() == XmlNodeType.Element ? reader.LocalName : null;
    }

    private static XmlReaderSettings SafeXml() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
    };

    private static bool StandardReaderAgrees(Stream content, ZipDirectory directory)
    {
        content.Position = 0;
        using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        var entries = archive.Entries;
        if (entries.Count != directory.Entries.Count)
        {
            return false;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var theirs = entries[i];
            var ours = directory.Entries[i];
            if (theirs.FullName != ours.Name || theirs.Length != ours.UncompressedSize
                || theirs.CompressedLength != ours.CompressedSize)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTooCompressed(long unpacked, long packed) =>
        unpacked > InspectionLimits.RatioGraceBytes && unpacked > packed * InspectionLimits.MaxCompressionRatio;

    private static ZipEntry? Find(ZipDirectory directory, string name) =>
        directory.Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    private static InspectionResult Invalid(EvidenceFileType expected, string why) =>
        InspectionResult.Refuse(Refusals.NotValidOffice(expected, why));

    private sealed record Kind(
        EvidenceFileType Type,
        string ContentType,
        string MainPart,
        string RootElement,
        string MainContentType,
        string TemplateContentType);
}
