namespace ComplianceOs.Domain.EvidenceVault.Inspection;

/// <summary>The bounds content inspection enforces; public so refusals and help text can quote them.</summary>
public static class InspectionLimits
{
    /// <summary>A PDF's <c>%PDF-</c> header must start within this many leading bytes (readers tolerate junk before it).</summary>
    public const int PdfHeaderWindow = 1024;

    /// <summary>A PDF's <c>%%EOF</c> marker must appear within this many trailing bytes.</summary>
    public const int PdfTrailerWindow = 1024;

    /// <summary>A JPEG's end-of-image marker (FF D9) must appear within this many trailing bytes.</summary>
    public const int JpegTrailerWindow = 64;

    /// <summary>Most entries an XLSX or DOCX package may list (a large real workbook has a few hundred).</summary>
    public const int MaxPackageEntries = 10_000;

    /// <summary>Most bytes a package may unpack to, counted both from its directory and while actually unpacking.</summary>
    public const long MaxUnpackedBytes = 100L * 1024 * 1024;

    /// <summary>Highest unpacked-to-packed ratio an entry may reach once past <see cref="RatioGraceBytes"/>.</summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>
    /// Entries are not held to <see cref="MaxCompressionRatio"/> until they unpack to more than this: small, highly
    /// repetitive XML parts legitimately compress very well, and they cannot do harm at this size (Apache POI's
    /// ZipSecureFile uses the same kind of grace).
    /// </summary>
    public const long RatioGraceBytes = 1024 * 1024;

    /// <summary>Most bytes of <c>[Content_Types].xml</c> read (real ones are a few kilobytes).</summary>
    public const int MaxContentTypesBytes = 1024 * 1024;
}
