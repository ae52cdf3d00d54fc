using System.Globalization;
using System.Text.RegularExpressions;

namespace ComplianceOs.Rag.Answering;

/// <summary>
/// Whether every date, amount, rate and form number in an answer appears in what it may rest on (the cited
/// passages, or the rule engine's output). Claims are compared in a normal form, so "20 April 2025" is supported by
/// "2025-04-20", "Rs 10,000" by "Rs 10000" and "GSTR 3B" by "GSTR-3B"; anything else in the answer is words.
/// </summary>
public static partial class SupportCheck
{
    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>The claims of <paramref name="answer"/> that nothing in <paramref name="evidence"/> supports; empty when supported.</summary>
    public static IReadOnlyList<string> Unsupported(string answer, IEnumerable<string> evidence)
    {
        var texts = evidence.ToList();
        var known = new HashSet<string>(texts.SelectMany(Claims).Select(c => c.Normal), StringComparer.Ordinal);
        var flat = Flat(string.Join("\n", texts));
        return Claims(answer).Where(c => !known.Contains(c.Normal) && !flat.Contains(Flat(c.Text), StringComparison.Ordinal))
            .Select(c => c.Text).Distinct().ToList();
    }

    /// <summary>The dates, amounts, rates and form numbers in a text, each with its normal form.</summary>
    public static IReadOnlyList<(string Text, string Normal)> Claims(string text)
    {
        var claims = new List<(string, string)>();
        var taken = new bool[text.Length];
        void Add(Match m, string normal)
        {
            if (Enumerable.Range(m.Index, m.Length).Any(i => taken[i]))
            {
                return;
            }

            for (var i = m.Index; i < m.Index + m.Length; i++)
            {
                taken[i] = true;
            }

            claims.Add((m.Value, normal));
        }

        foreach (Match m in IsoDate().Matches(text))
        {
            Add(m, "date:" + m.Value);
        }

        foreach (Match m in DayMonthYear().Matches(text))
        {
            Add(m, DateNormal(m.Groups["d"].Value, m.Groups["m"].Value, m.Groups["y"].Value));
        }

        foreach (Match m in MonthDayYear().Matches(text))
        {
            Add(m, DateNormal(m.Groups["d"].Value, m.Groups["m"].Value, m.Groups["y"].Value));
        }

        foreach (Match m in Amount().Matches(text))
        {
            var unit = m.Groups["u"].Value.ToLowerInvariant() switch { "" => "", "cr" or "crore" => "crore", var u => u };
            Add(m, "amount:" + m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal).TrimEnd('.') + unit);
        }

        foreach (Match m in Rate().Matches(text))
        {
            Add(m, "rate:" + m.Groups["n"].Value);
        }

        foreach (Match m in FormCode().Matches(text))
        {
            Add(m, "form:" + Flat(m.Value));
        }

        foreach (Match m in Ordinal().Matches(text))
        {
            Add(m, "day:" + m.Groups["d"].Value);
        }

        return claims;
    }

    private static string DateNormal(string day, string month, string year)
    {
        var m = Array.FindIndex(Months, x => x.StartsWith(month.ToLowerInvariant()[..3], StringComparison.Ordinal)) + 1;
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        if (year.Length == 0)
        {
            return $"daymonth:{m:D2}-{d:D2}";
        }

        var y = int.Parse(year, CultureInfo.InvariantCulture);
        y = y < 100 ? 2000 + y : y;
        return $"date:{y:D4}-{m:D2}-{d:D2}";
    }

    private static string Flat(string s) => new(s.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?[\s-]+(?:of[\s-]+)?(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:[\s,-]+(?<y>\d{4}|\d{2})\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<y>\d{4})\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"(?:\b(?:rs|inr)\.?|₹)\s*(?<n>\d[\d,]*(?:\.\d+)?)(?:\s*(?<u>lakh|crore|cr)\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b|percent\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Rate();

    [GeneratedRegex(@"\b(?:(?i:GSTR|ITR|MGT|AOC|ADT|DIR|DPT|MSME|PMT|INC|CMP|DRC|REG|ITC)[\s-]?\d+[A-Za-z]?\b|\d{1,2}[A-Z]{1,4}\b|(?i:form)[\s-]+\d+[A-Za-z]*\b)")]
    private static partial Regex FormCode();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();
}
