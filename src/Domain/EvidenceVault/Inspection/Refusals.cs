using static System.FormattableString;

namespace ComplianceOs.Domain.EvidenceVault.Inspection;

/// <summary>
/// Every refusal the inspector gives, in words a user can act on. They start in lower case ("the file is …") so a
/// chat reply can put them after its own lead-in, and never quote more of the upload than its extension or a
/// plain part name.
/// </summary>
internal static class Refusals
{
    public const string AcceptedKinds = "PDF, PNG, JPEG, XLSX, DOCX, CSV or plain text";

    public const string AcceptedExtensions = ".pdf, .png, .jpg, .jpeg, .xlsx, .docx, .csv, .txt, .text, .log or .md";

    private const string ZipBomb = "which is how zip bombs look";

    private static readonly long MaxUnpackedMegabytes = InspectionLimits.MaxUnpackedBytes / (1024 * 1024);

    public static string Empty => "the file is empty";

    public static string NoExtension =>
        $"the file name has no extension; the vault accepts {AcceptedKinds} ({AcceptedExtensions})";

    public static string UnacceptedExtension(string extension) =>
        $"files named {extension} are not accepted; the vault accepts {AcceptedKinds}{Hint(extension)}";

    public static string Program(string extension, Signature signature, bool extensionAccepted) => extensionAccepted
        ? $"the file is named {extension} but its content is {MagicBytes.Describe(signature)}; programs and scripts are never accepted"
        : $"the file is {MagicBytes.Describe(signature)}; programs and scripts are never accepted";

    public static string Mismatch(string extension, string actually) =>
        $"the file is named {extension} but it is {actually}";

    public static string Unrecognised(string extension, EvidenceFileType expected) =>
        $"the file is named {extension} but its content is not {Describe(expected)} or any other kind of file the vault accepts";

    public static string TruncatedPdf =>
        $"the PDF is incomplete: it has no %%EOF end marker in its last {InspectionLimits.PdfTrailerWindow / 1024} KB (was the upload cut short?)";

    public static string DamagedPng => "the file starts like a PNG image but has no IHDR header chunk, so it is damaged";

    public static string TruncatedJpeg =>
        $"the JPEG image is incomplete: it has no end-of-image marker in its last {InspectionLimits.JpegTrailerWindow} bytes (was the upload cut short?)";

    public static string OfficeCompound(string extension) =>
        $"the file is named {extension} but it is a password-protected Office file or an old-format Excel/Word file (.xls/.doc); remove the password, or save it as {extension}, and upload it again";

    public static string NotValidOffice(EvidenceFileType expected, string why) =>
        $"the file is not a valid {Noun(expected)} file: {why}";

    public static string NotOfficePackage(string extension, EvidenceFileType expected) =>
        $"the file is named {extension} but it is not {Describe(expected)}: it is a ZIP archive without {MainPart(expected)}";

    public static string Zip64(EvidenceFileType expected) => NotValidOffice(
        expected, "it is packed as ZIP64, which only files far beyond the vault's limits need");

    public static string TooManyParts(string count) => Invariant(
        $"the file is not accepted: it holds {count} parts, more than the {InspectionLimits.MaxPackageEntries:N0} a real document needs, {ZipBomb}");

    public static string TooMuchUnpacked =>
        Invariant($"the file is not accepted: it unpacks to more than {MaxUnpackedMegabytes} MB, {ZipBomb}");

    public static string CompressionRatio(string partName) =>
        $"the file is not accepted: {PartName.Describe(partName)} unpacks to more than {InspectionLimits.MaxCompressionRatio} times its packed size (a compression ratio above {InspectionLimits.MaxCompressionRatio}:1), {ZipBomb}";

    public static string SizeLie(string partName) =>
        $"the file is not accepted: {PartName.Describe(partName)} unpacks to more than the size its directory declares, which is how disguised zip bombs look";

    public static string PasswordProtected(EvidenceFileType expected) =>
        $"the {Noun(expected)} file is password-protected; remove the password and upload it again";

    public static string MacroEnabled(EvidenceFileType expected) => expected == EvidenceFileType.Xlsx
        ? "the file is a macro-enabled Excel workbook (.xlsm); files with macros are never accepted, so save it as .xlsx without macros"
        : "the file is a macro-enabled Word document (.docm); files with macros are never accepted, so save it as .docx without macros";

    public static string Template(EvidenceFileType expected) => expected == EvidenceFileType.Xlsx
        ? "the file is an Excel template (.xltx), not a workbook; save it as .xlsx"
        : "the file is a Word template (.dotx), not a document; save it as .docx";

    public static string WebContent => "the file is a web page or script (HTML, SVG or JavaScript); those are not accepted, even as text";

    public static string NotCleanText(string problem) => $"the file is not plain text the vault can accept: {problem}";

    public static string Utf16Text => "it is saved as UTF-16; save it as UTF-8 (only UTF-8 text is accepted)";

    public static string InvalidUtf8(long position) => Invariant(
        $"it is not valid UTF-8 (the first bad byte is at position {position:N0}); save it as UTF-8, as other encodings such as Windows-1252 or UTF-16 are not accepted");

    public static string NulByte(long line) => Invariant($"it contains a NUL byte (on line {line:N0}), so it is binary data, not text");

    public static string ControlCharacter(char c, long line) => Invariant(
        $"it contains the control character U+{(int)c:X4} on line {line:N0}; only tabs, line breaks and form feeds are allowed");

    /// <summary>How a refusal names an accepted kind ("an Excel workbook (XLSX)").</summary>
    public static string Describe(EvidenceFileType type) => type switch
    {
        EvidenceFileType.Pdf => "a PDF",
        EvidenceFileType.Png => "a PNG image",
        EvidenceFileType.Jpeg => "a JPEG image",
        EvidenceFileType.Xlsx => "an Excel workbook (XLSX)",
        EvidenceFileType.Docx => "a Word document (DOCX)",
        EvidenceFileType.Csv => "CSV text",
        _ => "plain text",
    };

    private static string Noun(EvidenceFileType type) => type == EvidenceFileType.Xlsx ? "Excel" : "Word";

    private static string MainPart(EvidenceFileType type) =>
        type == EvidenceFileType.Xlsx ? "a workbook (xl/workbook.xml)" : "a document (word/document.xml)";

    private static string Hint(string extension) => extension switch
    {
        ".doc" => " (save a Word .doc as .docx)",
        ".xls" => " (save an Excel .xls as .xlsx)",
        ".xlsm" or ".xltm" or ".docm" or ".dotm" => " (files with macros are never accepted; save it as .xlsx or .docx without macros)",
        ".jpe" or ".jfif" => " (rename a JPEG image to .jpg)",
        ".htm" or ".html" or ".svg" or ".js" => " (web pages and scripts are never accepted)",
        _ => string.Empty,
    };
}
