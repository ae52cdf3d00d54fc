using ComplianceOs.BotHost.Cards.AdaptiveCards;
using static ComplianceOs.Integration.Tests.Cards.CardJson;

namespace ComplianceOs.Integration.Tests.Cards;

public sealed class AdaptiveCardEnvelopesTests
{
    [Fact]
    public void Attachment_WrapsTheCardUnderTheAdaptiveContentType()
    {
        var card = new AdaptiveCardRenderer().Render(SampleCards.Help());

        var attachment = Reparse(AdaptiveCardEnvelopes.Attachment(card).ToJsonString());

        Assert.Equal("application/vnd.microsoft.card.adaptive", Str(attachment["contentType"]));
        Assert.Equal("AdaptiveCard", Str(attachment["content"]!["type"]));
        Assert.Equal("Compliance OS", Str(attachment["content"]!["body"]![0]!["text"]));
    }

    [Fact]
    public void CardInvokeResponse_Has200TheCardTypeAndTheCardAsValue()
    {
        var card = new AdaptiveCardRenderer().Render(SampleCards.StatusDetail());

        var response = Reparse(AdaptiveCardEnvelopes.CardInvokeResponse(card).ToJsonString());

        Assert.Equal(200, response["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", Str(response["type"]));
        Assert.Equal("1.5", Str(response["value"]!["version"]));
    }

    [Fact]
    public void MessageInvokeResponse_Has200TheMessageTypeAndTheTextAsValue()
    {
        var response = Reparse(AdaptiveCardEnvelopes.MessageInvokeResponse(SampleCards.NastyText).ToJsonString());

        Assert.Equal(200, response["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.activity.message", Str(response["type"]));
        Assert.Equal(SampleCards.NastyText, Str(response["value"]));
    }

    [Fact]
    public void Envelopes_CanWrapTheSameRenderedCardMoreThanOnce()
    {
        // JsonNode allows one parent per node; wrapping must copy, not move, the card.
        var card = new AdaptiveCardRenderer().Render(SampleCards.Help());

        var first = AdaptiveCardEnvelopes.Attachment(card);
        var second = AdaptiveCardEnvelopes.CardInvokeResponse(card);

        Assert.Equal(first["content"]!.ToJsonString(), second["value"]!.ToJsonString());
        Assert.Null(card.Parent);
    }
}
