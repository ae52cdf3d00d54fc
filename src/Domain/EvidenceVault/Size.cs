using System.Globalization;

namespace ComplianceOs.Domain.EvidenceVault;

/// <summary>File sizes as people read them (1.4 MB, 820 KB, 312 bytes).</summary>
public static class Size
{
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KB"),
        1 => "1 byte",
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
