using System.Text.RegularExpressions;

namespace ComplianceOs.Rag.Answering;

/// <summary>
/// Splits compliance prose into sentences without breaking at the abbreviations it is full of: "e.g. March 2025",
/// "i.e. by 30 September", "Rs. 500", "s. 47", "No. 17/2025", "u/s. 234E".
/// </summary>
public static partial class SentenceSplitter
{
    public static IReadOnlyList<string> Split(string text) =>
        Boundary().Split(text.Replace("\r", string.Empty, StringComparison.Ordinal))
            .Select(s => Spaces().Replace(s, " ").Trim())
            .Where(s => s.Length > 0 && !s.StartsWith('#'))
            .ToList();

    /// <summary>The first sentence, at most <paramref name="max"/> characters (cut at a word, with an ellipsis).</summary>
    public static string First(string text, int max = 400)
    {
        var first = Split(text).FirstOrDefault() ?? string.Empty;
        if (first.Length <= max)
        {
            return first;
        }

        var cut = first.LastIndexOf(' ', max - 1);
        return first[..(cut > 0 ? cut : max)].TrimEnd(',', ';', ' ') + "…";
    }

    /// <summary>Where one sentence ends and the next begins (also a blank line or a list item); shared with the chunker.</summary>
    [GeneratedRegex(@"(?<!\b(?:e\.g|i\.e|viz|etc|vs|cf|approx|Rs|No|Nos|s|ss|u/s|r|Reg|reg|Art|para|Para|Sec|sec|Dt|dt|Ltd|Pvt|Co|St|Mr|Ms|Dr)\.)(?<=[.])\s+(?=[A-Z(₹\d])|\n\s*\n|\n(?=[-•*] )")]
    internal static partial Regex Boundary();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
