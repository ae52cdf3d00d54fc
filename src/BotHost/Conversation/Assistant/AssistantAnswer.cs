using ComplianceOs.BotHost.Cards;

namespace ComplianceOs.BotHost.Conversation.Assistant;

/// <summary>What kind of answer the assistant gave; stored with a "was this helpful?" rating.</summary>
public enum AnswerKind
{
    DueDate,
    MyWork,
    Passages,
    Clarify,
    Decline,
}

/// <summary>
/// One answer: its body (without the feedback buttons, which the turn adds), its kind, the source keys it cites, and
/// whether it shows the asker's entity data (then it goes to the asker alone).
/// </summary>
public sealed record AssistantAnswer(Card Card, AnswerKind Kind, IReadOnlyList<string> Sources, bool Private)
{
    /// <summary>All the text a person reads in the answer, in order: for tests, logs by length, and the support check.</summary>
    public string PlainText => CardText.Of(Card);
}
