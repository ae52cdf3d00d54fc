namespace ComplianceOs.Domain.EvidenceVault.Inspection;

/// <summary>What a file's leading bytes say it is. <see cref="None"/> means no binary signature (maybe text).</summary>
internal enum Signature
{
    None,
    Pdf,
    Png,
    Jpeg,
    Zip,
    OfficeCompound,
    Gif,
    Tiff,
    WebP,
    Heic,
    Gzip,
    Rar,
    SevenZip,
    WindowsProgram,
    LinuxProgram,
    MacProgram,
    UniversalBinaryOrJavaClass,
    Script,
}

/// <summary>Recognises files by their signature bytes. Programs are checked first, so a program that also carries
/// "%PDF-" in its first kilobyte is a program.</summary>
internal static class MagicBytes
{
    private static ReadOnlySpan<byte> PdfHeader => "%PDF-"u8;

    private static ReadOnlySpan<byte> PdfEnd => "%%EOF"u8;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // The first chunk must be IHDR with its fixed 13-byte length.
    private static ReadOnlySpan<byte> PngIhdr => [0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private static ReadOnlySpan<byte> JpegStart => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> JpegEnd => [0xFF, 0xD9];

    private static ReadOnlySpan<byte> ZipLocalHeader => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> CompoundFile => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <param name="head">The first bytes of the file (at least <see cref="InspectionLimits.PdfHeaderWindow"/> when it is that long).</param>
    /// <param name="tail">The last bytes of the file (at least <see cref="InspectionLimits.PdfTrailerWindow"/> when it is that long).</param>
    public static Signature Identify(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        // A DOS header is binary from its third byte on; the NUL keeps a text file that happens to begin "MZ" a text.
        if (head.StartsWith("MZ"u8) && head[..Math.Min(head.Length, 64)].Contains((byte)0))
        {
            return Signature.WindowsProgram;
        }

        if (Starts(head, 0x7F, 0x45, 0x4C, 0x46))
        {
            return Signature.LinuxProgram;
        }

        // Mach-O, 32- and 64-bit, in both byte orders (on disk, Intel and ARM binaries start CE/CF FA ED FE).
        if (Starts(head, 0xFE, 0xED, 0xFA, 0xCE) || Starts(head, 0xFE, 0xED, 0xFA, 0xCF)
            || Starts(head, 0xCE, 0xFA, 0xED, 0xFE) || Starts(head, 0xCF, 0xFA, 0xED, 0xFE))
        {
            return Signature.MacProgram;
        }

        if (Starts(head, 0xCA, 0xFE, 0xBA, 0xBE))
        {
            return Signature.UniversalBinaryOrJavaClass;
        }

        if (head.StartsWith("#!"u8) || head.StartsWith("\uFEFF#!"u8))
        {
            return Signature.Script;
        }

        if (head.StartsWith(PngSignature))
        {
            return Signature.Png;
        }

        if (head.StartsWith(JpegStart))
        {
            return Signature.Jpeg;
        }

        if (head.StartsWith(ZipLocalHeader))
        {
            return Signature.Zip;
        }

        if (head.StartsWith(CompoundFile))
        {
            return Signature.OfficeCompound;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return Signature.Gif;
        }

        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
        {
            return Signature.Tiff;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return Signature.WebP;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && IsHeifBrand(head[8..12]))
        {
            return Signature.Heic;
        }

        if (Starts(head, 0x1F, 0x8B))
        {
            return Signature.Gzip;
        }

        if (head.StartsWith("Rar!\x1A\x07"u8))
        {
            return Signature.Rar;
        }

        if (Starts(head, 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C))
        {
            return Signature.SevenZip;
        }

        if (head.StartsWith(PdfHeader))
        {
            return Signature.Pdf;
        }

        // Readers accept junk before the header within the first kilobyte, as the PDF spec tolerates. A text that
        // merely mentions "%PDF-" near its top is not a PDF, so a late header counts only with the end marker too.
        var headerAt = head[..Math.Min(head.Length, InspectionLimits.PdfHeaderWindow)].IndexOf(PdfHeader);
        if (headerAt > 0 && HasPdfEnd(tail))
        {
            return Signature.Pdf;
        }

        return Signature.None;
    }

    public static bool IsProgram(Signature signature) => signature is Signature.WindowsProgram
        or Signature.LinuxProgram or Signature.MacProgram or Signature.UniversalBinaryOrJavaClass or Signature.Script;

    /// <summary>A PDF is complete when "%%EOF" appears in its last kilobyte (a cut-short upload has none).</summary>
    public static bool HasPdfEnd(ReadOnlySpan<byte> tail) =>
        tail[^Math.Min(tail.Length, InspectionLimits.PdfTrailerWindow)..].IndexOf(PdfEnd) >= 0;

    public static bool HasPngHeaderChunk(ReadOnlySpan<byte> head) =>
        head.Length >= 16 && head[8..16].SequenceEqual(PngIhdr);

    /// <summary>A JPEG is complete when its end-of-image marker is in its last 64 bytes (some cameras pad after it).</summary>
    public static bool HasJpegEnd(ReadOnlySpan<byte> tail) =>
        tail[^Math.Min(tail.Length, InspectionLimits.JpegTrailerWindow)..].IndexOf(JpegEnd) >= 0;

    /// <summary>How a refusal names what the bytes are ("a PNG image").</summary>
    public static string Describe(Signature signature) => signature switch
    {
        Signature.Pdf => "a PDF",
        Signature.Png => "a PNG image",
        Signature.Jpeg => "a JPEG image",
        Signature.Zip => "a ZIP archive",
        Signature.OfficeCompound => "an old-format (.doc/.xls) or password-protected Office file",
        Signature.Gif => "a GIF image",
        Signature.Tiff => "a TIFF image",
        Signature.WebP => "a WebP image",
        Signature.Heic => "a HEIC/HEIF photo",
        Signature.Gzip => "a gzip archive",
        Signature.Rar => "a RAR archive",
        Signature.SevenZip => "a 7-Zip archive",
        Signature.WindowsProgram => "a Windows program (EXE)",
        Signature.LinuxProgram => "a Linux program (ELF)",
        Signature.MacProgram => "a macOS program (Mach-O)",
        Signature.UniversalBinaryOrJavaClass => "a program (a macOS universal binary or a Java class)",
        Signature.Script => "a script (it starts with #!)",
        _ => "a file of unknown type",
    };

    private static bool Starts(ReadOnlySpan<byte> head, params ReadOnlySpan<byte> prefix) => head.StartsWith(prefix);

    private static bool IsHeifBrand(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("hevc"u8)
        || brand.SequenceEqual("heif"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8);
}
