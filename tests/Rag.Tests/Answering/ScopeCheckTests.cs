using ComplianceOs.Rag.Answering;

namespace ComplianceOs.Rag.Tests.Answering;

public sealed class ScopeCheckTests
{
    [Theory]
    [InlineData("what is the US sales tax rate in texas", DeclineReason.OtherCountry)]
    [InlineData("uk vat return deadline for our london branch", DeclineReason.OtherCountry)]
    [InlineData("which mutual fund should we park the surplus in", DeclineReason.Investment)]
    [InlineData("should we buy gold with the reserves", DeclineReason.Investment)]
    [InlineData("will the government extend the 3b deadline this month", DeclineReason.Prediction)]
    [InlineData("what will the gst rate on cars be next year", DeclineReason.Prediction)]
    [InlineData("pls file my gstr-3b on the portal", DeclineReason.PortalAction)]
    [InlineData("can u pay the tds challan for me", DeclineReason.PortalAction)]
    [InlineData("log in to traces and download form 16", DeclineReason.PortalAction)]
    [InlineData("what's the weather in pune today", DeclineReason.OutsideCompliance)]
    [InlineData("who won the cricket match yesterday", DeclineReason.OutsideCompliance)]
    public void OutOfScopeQuestions_AreDeclinedForTheRightReason(string question, DeclineReason reason) =>
        Assert.Equal(reason, ScopeCheck.Check(question, namesObligation: false)?.Reason);

    [Theory]
    [InlineData("what's the late fee on a late 3b")]
    [InlineData("how to file gstr-3b on the portal")]
    [InlineData("filed 3b on portal, arn AA270326012345X")]
    [InlineData("is gstr9 compulsory for us? turnover is around 8 cr")]
    [InlineData("send us the due date for pf")]
    [InlineData("interest on late tds deposit")]
    [InlineData("i am going to file 3b late, what is the fee")]
    public void ComplianceQuestions_AreNotDeclined(string question) =>
        Assert.Null(ScopeCheck.Check(question, namesObligation: true));

    [Fact]
    public void EveryDecline_SaysWhoCanHelp() =>
        Assert.All(Enum.GetValues<DeclineReason>(), r => Assert.Matches("adviser|signatory|admin|secretary|notified|team's obligations", Decline.For(r).Message));
}
