using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ComplianceOs.Domain.Tests.EvidenceVault;

/// <summary>Real files built in code for the inspector tests: each is what its kind's own tools would accept.</summary>
internal static class EvidenceFiles
{
    public const string XlsxMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    public const string XlsmMain = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

    public const string DocxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    private const string OfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

    /// <summary>A 1×1 RGBA PNG: signature, IHDR, one IDAT, IEND, all with correct CRCs.</summary>
    public static byte[] Png() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>A 1×1 grey baseline JPEG (made with libjpeg-turbo's cjpeg; djpeg decodes it).</summary>
    public static byte[] Jpeg() =>
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
        0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x10, 0x0B, 0x0C, 0x0E, 0x0C, 0x0A, 0x10, 0x0E, 0x0D, 0x0E, 0x12,
        0x11, 0x10, 0x13, 0x18, 0x28, 0x1A, 0x18, 0x16, 0x16, 0x18, 0x31, 0x23, 0x25, 0x1D, 0x28, 0x3A, 0x33, 0x3D,
        0x3C, 0x39, 0x33, 0x38, 0x37, 0x40, 0x48, 0x5C, 0x4E, 0x40, 0x44, 0x57, 0x45, 0x37, 0x38, 0x50, 0x6D, 0x51,
        0x57, 0x5F, 0x62, 0x67, 0x68, 0x67, 0x3E, 0x4D, 0x71, 0x79, 0x70, 0x64, 0x78, 0x5C, 0x65, 0x67, 0x63, 0xFF,
        0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xC4,
        0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x3F, 0xFF, 0xD9,
    ];

    /// <summary>A one-page PDF with a correct cross-reference table (offsets computed, not typed).</summary>
    public static byte[] Pdf(string leadingJunk = "")
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        };
        var pdf = new StringBuilder(leadingJunk).Append("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()) - leadingJunk.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString()) - leadingJunk.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A minimal workbook Excel opens: content types, package and workbook relationships, one sheet.</summary>
    public static byte[] Xlsx(string mainContentType = XlsxMain, Action<ZipArchive>? more = null, bool streamed = false) => Package(
        streamed,
        more,
        ("[Content_Types].xml", ContentTypes(
            ("/xl/workbook.xml", mainContentType),
            ("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))),
        ("_rels/.rels", Rels(OfficeDocument, "xl/workbook.xml")),
        ("xl/workbook.xml",
            """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""),
        ("xl/_rels/workbook.xml.rels", Rels("http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "worksheets/sheet1.xml")),
        ("xl/worksheets/sheet1.xml",
            """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Challan 2026-03</t></is></c></row></sheetData></worksheet>"""));

    /// <summary>A minimal document Word opens: content types, package relationships, one paragraph.</summary>
    public static byte[] Docx(string mainContentType = DocxMain, Action<ZipArchive>? more = null) => Package(
        more,
        ("[Content_Types].xml", ContentTypes(("/word/document.xml", mainContentType))),
        ("_rels/.rels", Rels(OfficeDocument, "word/document.xml")),
        ("word/document.xml",
            """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Acknowledgement</w:t></w:r></w:p></w:body></w:document>"""));

    public static byte[] Package(Action<ZipArchive>? more, params (string Name, string Content)[] parts) =>
        Package(streamed: false, more, parts);

    /// <summary>
    /// Packs <paramref name="parts"/>; <paramref name="streamed"/> writes through a forward-only stream, as a web
    /// export does, so every entry has a data descriptor and its local header carries no sizes.
    /// </summary>
    public static byte[] Package(bool streamed, Action<ZipArchive>? more, params (string Name, string Content)[] parts)
    {
        var bytes = new MemoryStream();
        using (var zip = new ZipArchive(streamed ? new ForwardOnly(bytes) : bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
            {
                AddText(zip, name, content);
            }

            more?.Invoke(zip);
        }

        return bytes.ToArray();
    }

    public static void AddText(ZipArchive zip, string name, string content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(Encoding.UTF8.GetBytes(content));
    }

    /// <summary>Adds an entry of <paramref name="bytes"/> zeros, deflated as it is written (1 GB packs to ~1 MB).</summary>
    public static void AddZeros(ZipArchive zip, string name, long bytes)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        var zeros = new byte[1024 * 1024];
        for (var left = bytes; left > 0; left -= zeros.Length)
        {
            entry.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
        }
    }

    /// <summary>Rewrites the unpacked size an entry declares, in its central directory record and local header.</summary>
    public static byte[] WithDeclaredSize(byte[] zip, string entryName, uint size) => Patch(zip, entryName, (central, local) =>
    {
        BinaryPrimitives.WriteUInt32LittleEndian(central[24..], size);
        BinaryPrimitives.WriteUInt32LittleEndian(local[22..], size);
    });

    /// <summary>Sets general-purpose flag bits on an entry, in its central directory record and local header.</summary>
    public static byte[] WithFlags(byte[] zip, string entryName, ushort flags) => Patch(zip, entryName, (central, local) =>
    {
        BinaryPrimitives.WriteUInt16LittleEndian(central[8..], (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(central[8..]) | flags));
        BinaryPrimitives.WriteUInt16LittleEndian(local[6..], (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(local[6..]) | flags));
    });

    /// <summary>Points <paramref name="entryName"/>'s directory record at <paramref name="otherName"/>'s local header.</summary>
    public static byte[] WithLocalHeaderOf(byte[] zip, string entryName, string otherName)
    {
        var otherOffset = 0u;
        Patch(zip, otherName, (central, _) => otherOffset = BinaryPrimitives.ReadUInt32LittleEndian(central[42..]));
        return Patch(zip, entryName, (central, _) => BinaryPrimitives.WriteUInt32LittleEndian(central[42..], otherOffset));
    }

    /// <summary>Overwrites the end-of-central-directory entry counts.</summary>
    public static byte[] WithEntryCount(byte[] zip, ushort count)
    {
        var copy = (byte[])zip.Clone();
        var eocd = LastIndexOf(copy, [0x50, 0x4B, 0x05, 0x06]);
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(eocd + 8), count);
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(eocd + 10), count);
        return copy;
    }

    private delegate void HeaderPatch(Span<byte> central, Span<byte> local);

    private static byte[] Patch(byte[] zip, string entryName, HeaderPatch patch)
    {
        var copy = (byte[])zip.Clone();
        var eocd = LastIndexOf(copy, [0x50, 0x4B, 0x05, 0x06]);
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(eocd + 16));
        while (BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(at)) == 0x02014B50)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(at + 28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(at + 30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(at + 32));
            if (Encoding.UTF8.GetString(copy, at + 46, nameLength) == entryName)
            {
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(at + 42));
                patch(copy.AsSpan(at), copy.AsSpan(local));
                return copy;
            }

            at += 46 + nameLength + extraLength + commentLength;
        }

        throw new InvalidOperationException($"No entry '{entryName}' in the test package.");
    }

    private static int LastIndexOf(byte[] bytes, ReadOnlySpan<byte> value) => bytes.AsSpan().LastIndexOf(value);

    private static string ContentTypes(params (string Part, string ContentType)[] overrides) =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"""
        + """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"""
        + string.Concat(overrides.Select(o => $"""<Override PartName="{o.Part}" ContentType="{o.ContentType}"/>"""))
        + "</Types>";

    private static string Rels(string type, string target) =>
        $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{type}" Target="{target}"/></Relationships>""";

    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
