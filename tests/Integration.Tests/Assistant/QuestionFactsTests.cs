using ComplianceOs.BotHost.Conversation.Assistant;
using ComplianceOs.Domain.Entities;

namespace ComplianceOs.Integration.Tests.Assistant;

public sealed class QuestionFactsTests
{
    [Theory]
    [InlineData("quarterly 3B for Jan-Mar, Pune GSTIN, QRMP", GstRegime.Qrmp, "27")]
    [InlineData("3b monthly filer bangalore", GstRegime.Monthly, "29")]
    [InlineData("3b for gstin 07AAGCR1234K1Z5", null, "07")]
    [InlineData("3b qrmp andaman and nicobar islands", GstRegime.Qrmp, "35")]
    [InlineData("gstr-3b for tamil nadu", null, "33")]
    [InlineData("3b for march", null, null)]
    public void RegimeAndState_AreReadFromTheQuestion(string text, GstRegime? regime, string? state)
    {
        var facts = QuestionFacts.Read(text);
        Assert.Equal(regime, facts.Regime);
        Assert.Equal(state, facts.StateCode);
    }

    [Theory]
    [InlineData("itr due date for the llp", EntityKind.Llp, null)]
    [InlineData("itr-6 due if 3ceb is required", null, true)]
    [InlineData("tax audit date fy 2025-26 (non tp case)", null, false)]
    public void KindAndTransferPricing_AreReadFromTheQuestion(string text, EntityKind? kind, bool? transferPricing)
    {
        var facts = QuestionFacts.Read(text);
        Assert.Equal(kind, facts.Kind);
        Assert.Equal(transferPricing, facts.TransferPricing);
    }
}
