using ComplianceOs.Rag.Answering;
using ComplianceOs.Rag.Embeddings;

namespace ComplianceOs.Rag.Tests.Answering;

public class QuestionWordsTests
{
    [Theory]
    [InlineData("how much pt to deduct in feb", "february")]
    [InlineData("3b for sept and Oct", "september october")]
    [InlineData("Rs 300 in February; Rs 2,500 a year", "february")]
    [InlineData("pf for the ma branch", "")]
    public void Months_AreReadInFullOrShortened(string text, string expected)
    {
        Assert.Equal(
            expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(),
            QuestionWords.Months(ComplianceTokenizer.Tokenize(text)).Order());
    }

    [Theory]
    [InlineData("appointment", "appoint", true)]
    [InlineData("gstr-3b", "3b", true)]
    [InlineData("deduction", "deduct", true)]
    [InlineData("gstr-1", "3b", false)]
    public void Mentions_FindsAnotherFormOfTheWord(string text, string word, bool expected) =>
        Assert.Equal(expected, QuestionWords.Mentions(ComplianceTokenizer.Tokenize(text).ToHashSet(), word));
}
