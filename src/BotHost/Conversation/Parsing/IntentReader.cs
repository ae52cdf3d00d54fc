namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>Finds the intent phrase written first in a message, and says which words it used.</summary>
internal static class IntentReader
{
    // "late fee", "late filing interest" are about the cost of being late, not a request for the overdue list.
    private static readonly HashSet<string> CostWords = ["fee", "fees", "penalty", "interest", "charge", "charges", "fine"];

    public static (Intent Intent, int At, int Words)? FirstPhrase(MessageText text, int from)
    {
        (Intent Intent, int At, int Words)? best = null;
        foreach (var (intent, words) in IntentPhrases.All)
        {
            for (var i = from; i + words.Length <= text.Tokens.Count; i++)
            {
                if (!Matches(text, i, words) || (words is ["late"] && IsCost(text, i)))
                {
                    continue;
                }

                if (best is null || i < best.Value.At || (i == best.Value.At && words.Length > best.Value.Words))
                {
                    best = (intent, i, words.Length);
                }

                break;
            }
        }

        return best;
    }

    private static bool Matches(MessageText text, int at, string[] words)
    {
        for (var k = 0; k < words.Length; k++)
        {
            if (text.Tokens[at + k].Text != words[k])
            {
                return false;
            }
        }

        return true;
    }

    // Looks both ways: "late fee on 3b" and "interest on late deposit".
    private static bool IsCost(MessageText text, int at) =>
        text.Tokens.Skip(Math.Max(0, at - 2)).Take(at - Math.Max(0, at - 2) + 3).Any(t => CostWords.Contains(t.Text));
}
