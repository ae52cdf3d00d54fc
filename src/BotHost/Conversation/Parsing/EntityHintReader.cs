namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>
/// Whatever content words are left once intents, obligations, periods, fillers and everyday words are taken out name
/// the entity ("acme india 3b status", "PF for Bharat Textiles"). The words are returned as typed; resolving them
/// against the person's entities happens later, where the names are known.
/// </summary>
internal static class EntityHintReader
{
    private static readonly HashSet<string> Introducers = ["for", "of"];

    /// <param name="introducedOnly">For questions, only words introduced by "for"/"of" (or the word LLP) count:
    /// the rest of a question is the question.</param>
    public static string? Read(MessageText text, bool[] used, Func<Token, bool> excluded, bool introducedOnly)
    {
        var tokens = text.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!IsContent(tokens[i], used[i], excluded))
            {
                continue;
            }

            var end = i;
            while (end + 1 < tokens.Count && IsContent(tokens[end + 1], used[end + 1], excluded) && SameClause(text, end))
            {
                end++;
            }

            var introduced = i > 0 && Introducers.Contains(tokens[i - 1].Text) || (i > 1 && tokens[i - 1].Text == "the" && Introducers.Contains(tokens[i - 2].Text));
            if (!introducedOnly || introduced || (i == end && tokens[i].Text == "llp"))
            {
                return Normalise(text.Span(i, end));
            }

            i = end;
        }

        return null;
    }

    private static bool IsContent(Token token, bool used, Func<Token, bool> excluded) =>
        !used && !excluded(token) && !token.IsNumber && token.Text.Length > 1 && !NotEntityWords.Contains(token.Text) && !IsKeyword(token.Text);

    // "Acme, 3b" or "Acme. Status" are two things, not one name.
    private static bool SameClause(MessageText text, int left) => text.Between(left, left + 1) is "" or "&" or "." or "-";

    private static bool IsKeyword(string word) => IntentPhrases.All.Any(p => p.Words.Contains(word));

    private static string Normalise(string words) =>
        string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Equals("llp", StringComparison.OrdinalIgnoreCase) ? "LLP" : w));

    private static readonly HashSet<string> NotEntityWords =
    [
        "the", "a", "an", "of", "for", "on", "in", "at", "by", "to", "from", "with", "and", "or", "is", "are", "was", "were",
        "be", "been", "am", "it", "its", "this", "that", "these", "those", "me", "my", "mine", "we", "our", "us", "you",
        "your", "ur", "he", "she", "they", "them", "what", "whats", "when", "which", "how", "why", "who", "where", "does",
        "do", "did", "can", "could", "would", "should", "will", "shall", "have", "has", "had", "get", "got", "give", "show",
        "tell", "list", "check", "see", "let", "know", "need", "want", "all", "any", "anything", "something", "everything",
        "now", "today", "yet", "still", "also", "just", "only", "not", "no", "yes", "done", "complete", "completed", "ready",
        "new", "mark", "marked", "as", "so", "then", "than", "but", "if", "about", "regarding", "re", "pe", "par", "mein",
        "se", "ko", "aur", "ya", "kab", "kaise", "kitna", "kitni", "kyun", "kyu", "konsa", "kaunsa", "kaun", "return",
        "returns", "filing", "form", "forms", "payment", "payments", "due", "date", "dates", "tax", "report", "item",
        "items", "period", "compliance", "compliances", "entity", "company", "client", "month", "months", "year", "quarter",
        "fee", "fees", "penalty", "interest", "there", "here", "week", "days", "next", "last", "financial", "annual",
        "monthly", "quarterly", "gst", "gstr", "mca", "roc", "income", "portal", "data", "number", "ref", "arn", "srn",
        "challan", "reason", "because", "since", "good", "morning", "evening", "afternoon", "hi", "hii", "hello", "hey",
        "namaste", "team", "cfo", "ca", "asap", "urgent", "urgently", "again", "back", "send", "sent", "one", "it's",
        "whats", "s", "t", "don", "doesn", "didn", "isn", "right", "please", "form16", "current", "previous", "open",
        "bhejna", "dekho", "dekhna", "jama", "bharna", "bhar", "hona", "hai", "deadline", "deadlines", "every", "each",
        "much", "many", "more", "filed", "approval", "review", "salary", "employees", "employee", "director", "directors",
        "auditor", "appointment", "meeting", "general", "statement", "statements", "q", "fy", "ay", "upto", "till", "since",
    ];
}
