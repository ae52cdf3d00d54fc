using ComplianceOs.Rag.Embeddings;

namespace ComplianceOs.Rag.Answering;

/// <summary>
/// The words of a question that say what it is about. Words every compliance question shares ("due", "fee",
/// "form", "tax") say what kind of answer is wanted, not which passage holds it, so they do not count as support.
/// </summary>
public static class QuestionWords
{
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "any", "all", "about", "also", "am", "any", "been", "being", "but", "could", "did", "done", "get", "got", "had",
        "he", "her", "him", "his", "into", "just", "know", "let", "like", "many", "much", "need", "needs", "not", "now",
        "one", "only", "other", "ours", "out", "per", "she", "some", "than", "them", "then", "they", "those", "these",
        "us", "very", "want", "would", "yes", "no", "ok", "okay", "hi", "hello", "thanks", "thank", "kindly", "plz",
        "ka", "ki", "ke", "kya", "hai", "hain", "ko", "se", "kab", "batao", "bata", "bhai", "sir", "mam", "ji", "hum",
        "hamara", "hamare", "mera", "meri", "wala", "wali", "karna", "kaise", "kitna", "kitni", "konsa", "kaunsa", "koi",
        "is", "the", "whats", "what's", "hows", "u", "ur", "r", "pls", "please", "tell", "explain", "mean", "means",
        "month", "months", "year", "years", "day", "days", "date", "dates", "last", "next", "this", "current",
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug",
        "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december", "q1", "q2", "q3",
        "q4", "fy", "quarter", "quarterly", "monthly", "annual", "annually", "yearly", "use", "used", "using", "now",
        "do", "does", "dont", "don't", "happens", "happen", "anything", "something", "there", "these", "those",
        "itself", "himself", "rn", "asap", "quick", "quickly", "boss", "asking", "asked", "wants", "yaar", "bro",
    };

    /// <summary>Words that only say what kind of answer is wanted.</summary>
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "due", "deadline", "deadlines", "when", "file", "filed", "filing", "files", "pay", "paid", "payment", "payments",
        "return", "returns", "form", "forms", "tax", "taxes", "fee", "fees", "late", "penalty", "penalties", "interest",
        "charge", "charges", "fine", "fines", "rule", "rules", "rate", "rates", "applicable", "applicability", "applies",
        "apply", "who", "which", "required", "require", "requires", "mandatory", "compliance", "statutory", "company",
        "companies", "entity", "entities", "our", "my", "we", "delay", "delayed", "missed", "miss", "evidence", "proof",
        "documents", "document", "keep", "section", "sections", "act", "law", "legal", "basis", "under", "amount",
        "much", "how", "what", "limit", "get", "gets", "make", "made", "submit", "submitted", "deposit", "amt",
        "penality", "panelty", "many", "skipped", "skip",

        // The asker's entity kind ("for our pvt ltd co"): a fact for the rule engine, not the passage's subject.
        "pvt", "ltd", "co", "private", "limited",
    };

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>The months the tokens name, in full or shortened ("feb", "sept"), as full lower-case names.</summary>
    public static IReadOnlySet<string> Months(IEnumerable<string> tokens) =>
        tokens.Select(t => t == "sept" ? "september" : t.Length >= 3 ? Array.Find(MonthNames, m => m.StartsWith(t, StringComparison.Ordinal)) : null)
            .Where(m => m is not null).Select(m => m!).ToHashSet(StringComparer.Ordinal);

    /// <summary>The question's tokens that name its subject.</summary>
    public static IReadOnlyList<string> Significant(string question) =>
        ComplianceTokenizer.Tokenize(question).Where(t => !Filler.Contains(t) && !Generic.Contains(t) && !IsNumberOnly(t)).Distinct().ToList();

    /// <summary>Whether <paramref name="text"/> contains the word or another form of it (appoint, appointed, appointment).</summary>
    public static bool Mentions(ISet<string> textTokens, string word)
    {
        if (textTokens.Contains(word))
        {
            return true;
        }

        if (word.Any(char.IsAsciiDigit))
        {
            // "3b" is named by "gstr-3b", "24q" by "form-24q".
            return textTokens.Any(t => t.EndsWith("-" + word, StringComparison.Ordinal) || t.Replace("-", string.Empty, StringComparison.Ordinal) == word);
        }

        if (word.Length < 5)
        {
            return false;
        }

        var stem = word[..5];
        return textTokens.Any(t => t.Length >= 5 && t.StartsWith(stem, StringComparison.Ordinal));
    }

    private static bool IsNumberOnly(string token) => token.All(c => char.IsAsciiDigit(c) || c is '-' or '/' or '.') && token.Length != 2 && token.Length != 3;
}
