using System.Text.RegularExpressions;
using NodaTime;

namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>
/// Finds the first period a message names and resolves it against today, marking the words it used. Bare names
/// resolve to the latest one that has begun ("March" in November is the March just gone, "Q4" in November is the
/// January–March just gone), because finance people talk about periods they are closing, not ones still ahead.
/// </summary>
internal static partial class PeriodReader
{
    private static readonly HashSet<string> Last = ["last", "previous", "prev", "pichhle", "pichle", "pichla", "pichhla", "past"];
    private static readonly HashSet<string> This = ["this", "current", "curr", "is", "iss", "present"];
    private static readonly HashSet<string> MonthWords = ["month", "mahine", "mahina", "mahiney", "mnth", "mth"];
    private static readonly HashSet<string> QuarterWords = ["quarter", "qtr"];
    private static readonly HashSet<string> YearWords = ["fy", "year"];
    private static readonly HashSet<string> RangeWords = ["to", "till", "until", "through", "thru", "se"];
    private static readonly HashSet<string> Joiners = ["", "-", "/", "'", ",", "–", "—", "."];

    public static PeriodRef? Read(MessageText text, bool[] used, LocalDate today)
    {
        for (var i = 0; i < text.Tokens.Count; i++)
        {
            if (used[i])
            {
                continue;
            }

            var found = Relative(text, used, i, today)
                ?? QuarterOrHalf(text, used, i, today)
                ?? FinancialYearAt(text, used, i)
                ?? MonthName(text, used, i, today)
                ?? NumericMonth(text, used, i);
            if (found is { } f)
            {
                for (var k = i; k < i + f.Words; k++)
                {
                    used[k] = true;
                }

                return f.Period.Kind == PeriodKind.Month && f.Words == 1 ? WithinNamedYear(text, used, f.Period) : f.Period;
            }
        }

        return null;
    }

    /// <summary>"dec instalment fy 26-27": a bare month and a financial year named apart mean that month of that year.</summary>
    private static PeriodRef WithinNamedYear(MessageText text, bool[] used, PeriodRef month)
    {
        for (var j = 0; j < text.Tokens.Count; j++)
        {
            if (!used[j] && FinancialYearAt(text, used, j) is { } fy && int.TryParse(fy.Period.Key.AsSpan(2, 4), out var fyStart))
            {
                for (var k = j; k < j + fy.Words; k++)
                {
                    used[k] = true;
                }

                var m = int.Parse(month.Key.AsSpan(5, 2), System.Globalization.CultureInfo.InvariantCulture);
                return FinancialYear.Month(m >= 4 ? fyStart : fyStart + 1, m);
            }
        }

        return month;
    }

    private static string Word(MessageText text, bool[] used, int i) =>
        i < text.Tokens.Count && !used[i] ? text.Tokens[i].Text : "";

    private static (PeriodRef Period, int Words)? Relative(MessageText text, bool[] used, int i, LocalDate today)
    {
        var first = Word(text, used, i);
        var back = Last.Contains(first) ? 1 : This.Contains(first) ? 0 : -1;
        if (back < 0)
        {
            return null;
        }

        var second = Word(text, used, i + 1);
        if (MonthWords.Contains(second))
        {
            var month = today.PlusMonths(-back);
            return (FinancialYear.Month(month.Year, month.Month), 2);
        }

        if (QuarterWords.Contains(second) && first != "is")
        {
            var day = today.PlusMonths(-3 * back);
            return (FinancialYear.Quarter(FinancialYear.StartYearOf(day), FinancialYear.QuarterOf(day.Month)), 2);
        }

        var words = second == "financial" && Word(text, used, i + 2) == "year" ? 3 : YearWords.Contains(second) ? 2 : 0;
        return words > 0 && first != "is" ? (FinancialYear.Year(FinancialYear.StartYearOf(today) - back), words) : null;
    }

    private static (PeriodRef Period, int Words)? QuarterOrHalf(MessageText text, bool[] used, int i, LocalDate today)
    {
        var m = PartPattern().Match(Word(text, used, i));
        var words = 1;
        if (!m.Success && QuarterWords.Contains(Word(text, used, i)) && NumberIn(Word(text, used, i + 1), 1, 4) is { } q)
        {
            // "quarter 2"
            m = PartPattern().Match("q" + q);
            words = 2;
        }

        if (!m.Success || (m.Groups[1].Value == "h" && m.Groups[2].Value is not ("1" or "2")))
        {
            return null;
        }

        var isQuarter = m.Groups[1].Value == "q";
        var part = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        var next = i + words;
        if (Word(text, used, next) == "of")
        {
            next++;
        }

        int startYear;
        if (FinancialYearAt(text, used, next) is { } fy)
        {
            startYear = StartYearOf(fy.Period);
            words = next - i + fy.Words;
        }
        else
        {
            startYear = FinancialYear.LatestStartedYear(today, part, isQuarter ? 4 : 2);
        }

        return (isQuarter ? FinancialYear.Quarter(startYear, part) : FinancialYear.Half(startYear, part), words);
    }

    private static (PeriodRef Period, int Words)? FinancialYearAt(MessageText text, bool[] used, int i)
    {
        var word = Word(text, used, i);
        var prefixed = FyPattern().Match(word);
        int? startYear = null;
        var words = 0;
        if (prefixed.Success || word is "fy" or "ay" || (word == "financial" && Word(text, used, i + 1) == "year"))
        {
            var assessment = word.StartsWith("ay", StringComparison.Ordinal);
            var numberAt = prefixed.Success && prefixed.Groups[2].Success ? i : word == "financial" ? i + 2 : i + 1;
            var first = prefixed.Success && prefixed.Groups[2].Success ? prefixed.Groups[2].Value : Word(text, used, numberAt);
            if (YearNumber(first) is not { } n1)
            {
                return null;
            }

            words = numberAt - i + 1;
            if (SecondYear(text, used, numberAt, n1) is { } _)
            {
                startYear = n1;
                words++;
            }
            else
            {
                startYear = FinancialYear.StartYearFromEnd(n1);
            }

            if (assessment)
            {
                startYear--;
            }
        }
        else if (word.Length == 4 && YearNumber(word) is { } bare && SecondYear(text, used, i, bare) is { } _)
        {
            // "2024-25" on its own is how a financial year is written.
            startYear = bare;
            words = 2;
        }

        if (startYear is not { } start)
        {
            return null;
        }

        // "FY25 Q4" names the quarter after the year.
        var after = PartPattern().Match(Word(text, used, i + words));
        if (after.Success)
        {
            var part = int.Parse(after.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var period = after.Groups[1].Value == "q" ? FinancialYear.Quarter(start, part) : FinancialYear.Half(start, part);
            return (period, words + 1);
        }

        return (FinancialYear.Year(start), words);
    }

    // The "25" of "2024-25" (or "2025" of "2024-2025") must be the year after, joined by a dash or slash.
    private static int? SecondYear(MessageText text, bool[] used, int firstAt, int firstYear)
    {
        var next = firstAt + 1;
        if (Word(text, used, next) is not { Length: 2 or 4 } second || !second.All(char.IsAsciiDigit))
        {
            return null;
        }

        if (text.Between(firstAt, next) is not ("-" or "/" or "–" or "—"))
        {
            return null;
        }

        var full = FinancialYear.FullYear(int.Parse(second, System.Globalization.CultureInfo.InvariantCulture));
        return full == firstYear + 1 ? full : null;
    }

    private static (PeriodRef Period, int Words)? MonthName(MessageText text, bool[] used, int i, LocalDate today)
    {
        if (used[i] || MonthNames.Of(text, i) is not { } month)
        {
            return null;
        }

        // Ranges: "jul-sep", "Jul – Sep", "jul to sep".
        var endAt = -1;
        if (i + 1 < text.Tokens.Count && !used[i + 1] && MonthNames.Of(text, i + 1) is not null && text.Between(i, i + 1) is "-" or "–" or "—" or "/")
        {
            endAt = i + 1;
        }
        else if (RangeWords.Contains(Word(text, used, i + 1)) && i + 2 < text.Tokens.Count && !used[i + 2] && MonthNames.Of(text, i + 2) is not null)
        {
            endAt = i + 2;
        }

        if (endAt > 0 && Range(month, MonthNames.Of(text, endAt)!.Value) is { } range)
        {
            var yearAfterRange = TypedYear(text, used, endAt);
            var startYear = yearAfterRange is { } y
                ? FinancialYear.StartYearOf(y, range.EndMonth)
                : FinancialYear.LatestStartedYear(today, range.Part, range.IsQuarter ? 4 : 2);
            var period = range.IsQuarter ? FinancialYear.Quarter(startYear, range.Part) : FinancialYear.Half(startYear, range.Part);
            return (period, endAt - i + 1 + (yearAfterRange is null ? 0 : 1));
        }

        if (TypedYear(text, used, i) is { } year)
        {
            return (FinancialYear.Month(year, month), 2);
        }

        var latestYear = month <= today.Month ? today.Year : today.Year - 1;
        return (FinancialYear.Month(latestYear, month), 1);
    }

    private static (bool IsQuarter, int Part, int EndMonth)? Range(int from, int to) => (from, to) switch
    {
        (4, 6) => (true, 1, 6),
        (7, 9) => (true, 2, 9),
        (10, 12) => (true, 3, 12),
        (1, 3) => (true, 4, 3),
        (4, 9) => (false, 1, 9),
        (10, 3) => (false, 2, 3),
        _ => null,
    };

    // "mar 25", "March 2025", "mar'25", "mar-2025".
    private static int? TypedYear(MessageText text, bool[] used, int monthAt)
    {
        var word = Word(text, used, monthAt + 1);
        if (word.Length is not (2 or 4) || !word.All(char.IsAsciiDigit) || !Joiners.Contains(text.Between(monthAt, monthAt + 1)))
        {
            return null;
        }

        return YearNumber(word);
    }

    // "03/2025", "3/25", "2025-03".
    private static (PeriodRef Period, int Words)? NumericMonth(MessageText text, bool[] used, int i)
    {
        var first = Word(text, used, i);
        var second = Word(text, used, i + 1);
        if (first.Length == 0 || second.Length == 0 || !first.All(char.IsAsciiDigit) || !second.All(char.IsAsciiDigit))
        {
            return null;
        }

        var between = text.Between(i, i + 1);
        if (first.Length <= 2 && NumberIn(first, 1, 12) is { } month && (between == "/" || (between is "-" or "." && second.Length == 4))
            && YearNumber(second) is { } year)
        {
            return (FinancialYear.Month(year, month), 2);
        }

        if (first.Length == 4 && between == "-" && second.Length == 2 && YearNumber(first) is { } y && NumberIn(second, 1, 12) is { } m)
        {
            return (FinancialYear.Month(y, m), 2);
        }

        return null;
    }

    private static int? YearNumber(string word)
    {
        if (word.Length is not (2 or 4) || !word.All(char.IsAsciiDigit))
        {
            return null;
        }

        var full = FinancialYear.FullYear(int.Parse(word, System.Globalization.CultureInfo.InvariantCulture));
        return full is >= 2000 and <= 2099 ? full : null;
    }

    private static int? NumberIn(string word, int min, int max) =>
        word.Length is > 0 and <= 2 && word.All(char.IsAsciiDigit) && int.Parse(word, System.Globalization.CultureInfo.InvariantCulture) is var n && n >= min && n <= max
            ? n
            : null;

    private static int StartYearOf(PeriodRef fy) => int.Parse(fy.Key[2..6], System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(q|h)([1-4])$")]
    private static partial Regex PartPattern();

    [GeneratedRegex(@"^(fy|ay)(\d{2}|\d{4})?$")]
    private static partial Regex FyPattern();
}
