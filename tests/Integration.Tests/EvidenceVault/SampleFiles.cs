using System.Text;

namespace ComplianceOs.Integration.Tests.EvidenceVault;

/// <summary>Small real files of the kinds the vault accepts, and a few it must refuse.</summary>
public static class SampleFiles
{
    /// <summary>A minimal well-formed PDF whose text carries <paramref name="marker"/> (so each one hashes differently).</summary>
    public static byte[] Pdf(string marker) => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >> endobj\n" +
        $"4 0 obj << /Length {marker.Length + 20} >> stream\nBT /F1 12 Tf ({marker}) Tj ET\nendstream endobj\n" +
        "trailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A Windows program's header: what an ".pdf" attachment really is when someone is phished.</summary>
    public static byte[] WindowsProgram() => [.. "MZ"u8.ToArray(), 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, .. new byte[200]];

    /// <summary>A real 1×1 PNG (what a pasted screenshot is, in small).</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}
