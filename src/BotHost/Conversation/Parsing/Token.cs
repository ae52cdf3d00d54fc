namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>One word of a message: its normalised (lower-case, typo-corrected) text and where it sits in the original.</summary>
internal sealed record Token(string Text, int Start, int End)
{
    public bool IsNumber => Text.Length > 0 && Text.All(char.IsAsciiDigit);
}
