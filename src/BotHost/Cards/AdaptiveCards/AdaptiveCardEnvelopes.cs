using System.Text.Json.Nodes;

namespace ComplianceOs.BotHost.Cards.AdaptiveCards;

/// <summary>
/// The Bot Framework wrappers around a rendered Adaptive Card: the message attachment and the
/// bodies of the HTTP 200 response to an <c>adaptiveCard/action</c> invoke.
/// Each method deep-copies the card it is given, so one rendered card can be wrapped more than once.
/// </summary>
public static class AdaptiveCardEnvelopes
{
    /// <summary>The attachment content type of an Adaptive Card (not the misspelt "adaptive.card").</summary>
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The invoke response type that shows a text message instead of a card.</summary>
    public const string MessageResponseType = "application/vnd.microsoft.activity.message";

    /// <summary>An activity attachment: <c>{"contentType":"application/vnd.microsoft.card.adaptive","content":card}</c>.</summary>
    public static JsonObject Attachment(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new JsonObject
        {
            ["contentType"] = CardContentType,
            ["content"] = card.DeepClone(),
        };
    }

    /// <summary>
    /// The invoke response body that replaces the card for the user who acted:
    /// <c>{"statusCode":200,"type":"application/vnd.microsoft.card.adaptive","value":card}</c>.
    /// </summary>
    public static JsonObject CardInvokeResponse(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new JsonObject
        {
            ["statusCode"] = 200,
            ["type"] = CardContentType,
            ["value"] = card.DeepClone(),
        };
    }

    /// <summary>
    /// The invoke response body that shows a message and leaves the card as it is:
    /// <c>{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":text}</c>.
    /// </summary>
    public static JsonObject MessageInvokeResponse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonObject
        {
            ["statusCode"] = 200,
            ["type"] = MessageResponseType,
            ["value"] = text,
        };
    }
}
