namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>Month names and their short forms as people type them ("mar", "sept", "june").</summary>
internal static class MonthNames
{
    private static readonly Dictionary<string, int> Numbers = new()
    {
        ["jan"] = 1, ["january"] = 1, ["feb"] = 2, ["february"] = 2, ["mar"] = 3, ["march"] = 3, ["apr"] = 4, ["april"] = 4,
        ["may"] = 5, ["jun"] = 6, ["june"] = 6, ["jul"] = 7, ["july"] = 7, ["aug"] = 8, ["august"] = 8, ["sep"] = 9,
        ["sept"] = 9, ["september"] = 9, ["oct"] = 10, ["october"] = 10, ["nov"] = 11, ["november"] = 11, ["dec"] = 12,
        ["december"] = 12,
    };

    // "may" is also an English verb ("may I file late?"); it is a month only when nothing suggests the verb.
    private static readonly HashSet<string> AfterVerbMay = ["i", "we", "you", "be", "have", "not", "get", "need"];

    public static int? Of(MessageText text, int index)
    {
        var word = text.Tokens[index].Text;
        if (!Numbers.TryGetValue(word, out var month))
        {
            return null;
        }

        if (word == "may" && (index == 0 || (index + 1 < text.Tokens.Count && AfterVerbMay.Contains(text.Tokens[index + 1].Text))))
        {
            return null;
        }

        return month;
    }
}
