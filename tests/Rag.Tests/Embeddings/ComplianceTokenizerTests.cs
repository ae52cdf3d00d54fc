using ComplianceOs.Rag.Embeddings;

namespace ComplianceOs.Rag.Tests.Embeddings;

public class ComplianceTokenizerTests
{
    [Theory]
    [InlineData("When is GSTR-3B due?", new[] { "gstr-3b", "due" })]
    [InlineData("MGT-7A / AOC-4 for FY 2024-25", new[] { "mgt-7a", "aoc-4", "fy", "2024-25" })]
    [InlineData("TDS u/s 194C, form 26Q.", new[] { "tds", "u/s", "194c", "form", "26q" })]
    [InlineData("what's the late fee", new[] { "late", "fee" })]
    [InlineData("EPF/EPS/EDLI dues, 24Q/26Q", new[] { "epf", "eps", "edli", "dues", "24q", "26q" })]
    public void Codes_StayWhole_AndCommonWordsGo(string text, string[] expected)
    {
        Assert.Equal(expected, ComplianceTokenizer.Tokenize(text));
    }
}
