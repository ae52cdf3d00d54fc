using ComplianceOs.Rag.Answering;

namespace ComplianceOs.Rag.Tests.Answering;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Abbreviations_DoNotEndASentence()
    {
        var sentences = SentenceSplitter.Split("Pay by the 15th, i.e. by 15 April (e.g. March 2025 → 15 April 2025). Fee Rs. 200 per day under s. 234E. Notification No. 17/2025-CT applies.");
        Assert.Equal(3, sentences.Count);
        Assert.StartsWith("Fee Rs. 200", sentences[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_StayInOneSentence_AndHeadingsAreDropped()
    {
        var sentences = SentenceSplitter.Split("## Evidence\n\nChecklist: Challan paid; Return filed; ARN kept.");
        Assert.Equal(["Checklist: Challan paid; Return filed; ARN kept."], sentences);
    }

    [Fact]
    public void First_IsCutAtAWord_WithAnEllipsis()
    {
        var first = SentenceSplitter.First("alpha beta gamma delta epsilon. Second.", 20);
        Assert.Equal("alpha beta gamma…", first);
    }
}
