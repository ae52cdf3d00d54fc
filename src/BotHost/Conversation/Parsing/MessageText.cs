using System.Text.RegularExpressions;

namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>
/// A message cut into words, with the Hinglish fillers dropped and typos corrected, but every word still pointing at
/// the original text so that reasons, names and references can be handed back exactly as typed.
/// </summary>
internal sealed partial class MessageText
{
    private MessageText(string original, IReadOnlyList<Token> tokens)
    {
        Original = original;
        Tokens = tokens;
    }

    public string Original { get; }

    /// <summary>The meaningful words, fillers removed.</summary>
    public IReadOnlyList<Token> Tokens { get; }

    /// <summary>True when the message, stripped of emoji and trailing punctuation noise, ends with a question mark.</summary>
    public bool EndsWithQuestionMark => TrailingNoise().Replace(Original, "").EndsWith('?');

    public static MessageText Read(string text)
    {
        var original = text ?? "";
        var words = new List<Token>();
        foreach (Match m in WordPattern().Matches(original))
        {
            words.Add(new Token(m.Value.ToLowerInvariant(), m.Index, m.Index + m.Length));
        }

        var kept = Fillers.Drop(words);
        var fixedWords = kept.Select(t => t with { Text = Typos.Correct(t.Text) }).ToList();
        return new MessageText(original, fixedWords);
    }

    /// <summary>What stands between two neighbouring tokens in the original (trimmed), e.g. "-", "/", "" or "to".</summary>
    public string Between(int left, int right) =>
        Original[Tokens[left].End..Tokens[right].Start].Trim();

    /// <summary>The original text of tokens <paramref name="from"/>..<paramref name="to"/> inclusive, whitespace collapsed.</summary>
    public string Span(int from, int to) =>
        Spaces().Replace(Original[Tokens[from].Start..Tokens[to].End], " ").Trim();

    // Letters and digits only: emoji, punctuation and dashes separate words but are never words themselves.
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[^\p{L}\p{N}?]+$")]
    private static partial Regex TrailingNoise();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
