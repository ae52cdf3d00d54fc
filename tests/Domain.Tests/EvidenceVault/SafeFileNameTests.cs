using ComplianceOs.Domain.EvidenceVault.Inspection;

namespace ComplianceOs.Domain.Tests.EvidenceVault;

public class SafeFileNameTests
{
    [Theory]
    [InlineData("invoice.pdf", "invoice.pdf")]
    [InlineData("GST Return  March 2026.PDF", "GST-Return-March-2026.pdf")]
    [InlineData("C:\\Users\\priya\\Desktop\\challan.png", "challan.png")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("reports/2026/q1.xlsx", "q1.xlsx")]
    [InlineData("..\\..\\boot.ini", "boot.ini")]
    [InlineData("Ānanyā's receipt (final).jpg", "Ananya_s-receipt-(final).jpg")]
    [InlineData("bad<>:\"|?*name.csv", "bad_______name.csv")]
    [InlineData("tab\there\u0000.txt", "tabhere.txt")]
    [InlineData("  .hidden-name.txt.  ", "hidden-name.txt")]
    [InlineData("trailing dots...", "trailing-dots")]
    [InlineData("invoice\u202Efdp.exe", "invoice_fdp.exe")]
    [InlineData("CON.pdf", "_CON.pdf")]
    [InlineData("नमस्ते.pdf", "____.pdf")]
    public void From_MakesAStorageSafeName(string raw, string expected) =>
        Assert.Equal(expected, SafeFileName.From(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("...")]
    [InlineData("folder/")]
    [InlineData("\u0001\u0002")]
    public void From_IsNeverEmpty(string? raw) => Assert.Equal("file", SafeFileName.From(raw));

    [Theory]
    [InlineData(".pdf", "pdf")]
    [InlineData("....pdf", "pdf")]
    public void From_TreatsALeadingDotAsPartOfTheName_NotAnExtension(string raw, string expected)
    {
        Assert.Equal(expected, SafeFileName.From(raw));
        Assert.Equal("", SafeFileName.Extension(raw));
    }

    [Theory]
    [InlineData("???.pdf", "___.pdf")]
    [InlineData("-.pdf", "file.pdf")]
    public void From_KeepsTheExtensionWhenTheStemIsUnusable(string raw, string expected) =>
        Assert.Equal(expected, SafeFileName.From(raw));

    [Fact]
    public void From_LimitsTheLengthKeepingTheExtension()
    {
        var safe = SafeFileName.From(new string('a', 300) + ".XLSX");

        Assert.Equal(SafeFileName.MaxLength, safe.Length);
        Assert.EndsWith("aaaa.xlsx", safe);
    }

    [Theory]
    [InlineData("invoice.pdf", ".pdf")]
    [InlineData("INVOICE.PDF", ".pdf")]
    [InlineData("archive.tar.gz", ".gz")]
    [InlineData("setup.exe.", ".exe")]
    [InlineData("report.pdf ", ".pdf")]
    [InlineData("dir.v2/README", "")]
    [InlineData("noextension", "")]
    [InlineData(".bashrc", "")]
    [InlineData("stream.pdf:hidden", "")]
    [InlineData("x.averyverylongext", "")]
    [InlineData("invoice\u202Efdp.exe", ".exe")]
    [InlineData("", "")]
    public void Extension_IsTheLowerCaseLastExtension(string name, string expected) =>
        Assert.Equal(expected, SafeFileName.Extension(name));

    [Theory]
    [InlineData("Report FINAL.Docx")]
    [InlineData("a/b\\c d.JPEG")]
    [InlineData("x.csv.")]
    [InlineData("????.md")]
    public void Extension_OfTheSafeNameIsTheExtensionInspected(string raw) =>
        Assert.Equal(SafeFileName.Extension(raw), SafeFileName.Extension(SafeFileName.From(raw)));
}
