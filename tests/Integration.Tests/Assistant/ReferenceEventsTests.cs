using ComplianceOs.BotHost.Conversation.Assistant;

namespace ComplianceOs.Integration.Tests.Assistant;

public sealed class ReferenceEventsTests
{
    [Theory]
    [InlineData("roc annual return - how many days after agm do we get", "MGT7 AGM", "MGT7")]
    [InlineData("aoc-4 within 30 days of the AGM?", "AOC4 AGM", "AOC4")]
    [InlineData("when must the agm be held, and mgt-7?", "AGM MGT7", "AGM MGT7")]
    [InlineData("how many days after agm", "AGM", "AGM")]
    public void AnAgmNamedAsTheStartOfATimeLimit_IsNotTheSubject(string text, string codes, string expected) =>
        Assert.Equal(expected.Split(' '), ReferenceEvents.Subjects(codes.Split(' '), text));
}
