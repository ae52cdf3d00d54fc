using System.Text.RegularExpressions;

namespace ComplianceOs.Rag.Embeddings;

/// <summary>
/// Splits text into lower-case tokens the way compliance people write: form and return codes stay whole
/// (<c>GSTR-3B</c> → <c>gstr-3b</c>, <c>MGT-7A</c>, <c>24Q</c>, <c>ITR-6</c>, <c>26AS</c>, <c>u/s</c>), so a question
/// about GSTR-3B does not match every text that mentions "3" and "b". Common English words are dropped.
/// </summary>
public static partial class ComplianceTokenizer
{
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "has", "have", "how",
        "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "should", "so", "that", "the",
        "their", "there", "this", "to", "was", "we", "what", "when", "where", "which", "who", "will", "with", "you",
        "your", "s", "whats", "pls", "please", "tell",
    };

    public static IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (Match m in Token().Matches(text.ToLowerInvariant()))
        {
            // A slash joins a list ("EPF/EPS/EDLI", "24Q/26Q"), except in short forms such as "u/s" and "a/c".
            var pieces = m.Value.Split('/');
            var parts = pieces.All(p => p.Length <= 2) ? [m.Value] : pieces;
            foreach (var part in parts)
            {
                var t = part.Trim('-', '/', '.');
                if (t.Length > 0 && !Stop.Contains(t))
                {
                    tokens.Add(t);
                }
            }
        }

        return tokens;
    }

    // Letters and digits, joined by hyphens or slashes inside a code (gstr-3b, u/s, 2024-25).
    [GeneratedRegex(@"[\p{L}\p{Nd}]+(?:[-/][\p{L}\p{Nd}]+)*")]
    private static partial Regex Token();
}
