using ComplianceOs.BotHost.Cards;

namespace ComplianceOs.BotHost.Conversation;

/// <summary>
/// What the conversation answers: a card or a sentence. <see cref="Private"/>: it shows entity data, so in a group
/// chat or channel the channel adapter must deliver it to the asker alone (a 1:1 chat in Teams, ephemeral in Slack).
/// </summary>
public sealed record ConversationReply(Card? Card, string? Text, bool Private)
{
    public static ConversationReply Shared(Card card) => new(card, null, false);

    public static ConversationReply ForAsker(Card card) => new(card, null, true);

    public static ConversationReply Sentence(string text) => new(null, text, false);
}
