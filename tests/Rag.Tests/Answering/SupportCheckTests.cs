using ComplianceOs.Rag.Answering;

namespace ComplianceOs.Rag.Tests.Answering;

public sealed class SupportCheckTests
{
    private const string Passage =
        "Late fee Rs 50 per day (Rs 25 CGST + Rs 25 SGST), capped at Rs 10,000 above Rs 5 crore. Interest under s.50(1) at 18% p.a. " +
        "File GSTR-3B on or before the 20th day of the following month (e.g. March 2025 → 20 April 2025).";

    [Theory]
    [InlineData("A late GSTR-3B costs Rs 50 per day, capped at Rs 10000, with 18% interest.")]
    [InlineData("GSTR 3B for March 2025 is due on 2025-04-20 [1].")]
    [InlineData("It is due on the 20th; the cap is Rs 10,000.")]
    [InlineData("The fee is charged per day of delay; interest also applies.")]
    public void AnAnswerMadeOfThePassagesClaims_IsSupported(string answer) =>
        Assert.Empty(SupportCheck.Unsupported(answer, [Passage]));

    [Theory]
    [InlineData("The late fee is Rs 75 per day.", "Rs 75")]
    [InlineData("Interest runs at 24% p.a.", "24%")]
    [InlineData("GSTR-3B for March 2025 is due on 22 April 2025.", "22 April 2025")]
    [InlineData("File GSTR-1 by the 11th.", "GSTR-1")]
    [InlineData("Use form MGT-7A.", "MGT-7A")]
    [InlineData("It is due on 2025-04-25.", "2025-04-25")]
    public void AnInventedDateAmountRateOrForm_IsReported(string answer, string claim) =>
        Assert.Contains(claim, SupportCheck.Unsupported(answer, [Passage]));

    [Fact]
    public void Claims_AreNormalised_SoFormattingDoesNotMatter()
    {
        var normals = SupportCheck.Claims("Rs. 1,50,000 or 0.5% by 30 Sep 2025, Form 16A and 24Q").Select(c => c.Normal).ToList();
        Assert.Contains("amount:150000", normals);
        Assert.Contains("rate:0.5", normals);
        Assert.Contains("date:2025-09-30", normals);
        Assert.Contains("form:form16a", normals);
        Assert.Contains("form:24q", normals);
    }
}
