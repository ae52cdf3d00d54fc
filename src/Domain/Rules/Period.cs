using System.Globalization;
using System.Text.RegularExpressions;
using ComplianceOs.Domain.Masters;
using NodaTime;

namespace ComplianceOs.Domain.Rules;

/// <summary>
/// A compliance period in the Indian financial year (April–March). Keys are canonical and sort within a kind:
/// <c>2025-03</c> (month), <c>FY2024-25-Q4</c> (quarter), <c>FY2024-25-H2</c> (half-year), <c>FY2024-25</c>
/// (year), <c>FY2024-25-I2</c> (advance-tax instalment: the stretch of the year up to that instalment's date).
/// </summary>
public sealed partial record Period(string Key, LocalDate Start, LocalDate End, ComplianceFrequency Frequency, int Index)
{
    /// <summary>The FY's first calendar year: 2024 for FY 2024-25.</summary>
    public int FyStartYear => Start.Month >= 4 ? Start.Year : Start.Year - 1;

    /// <summary>The slot name rules refer to: M1–M12 (April = M1), Q1–Q4, H1–H2, FY, I1–I4.</summary>
    public string Slot => Frequency switch
    {
        ComplianceFrequency.Monthly => $"M{Index}",
        ComplianceFrequency.Quarterly => $"Q{Index}",
        ComplianceFrequency.HalfYearly => $"H{Index}",
        ComplianceFrequency.Instalments => $"I{Index}",
        _ => "FY",
    };

    public static string FyLabel(int fyStartYear) => $"FY{fyStartYear}-{(fyStartYear + 1) % 100:D2}";

    /// <summary>Advance-tax instalment dates (15 Jun, 15 Sep, 15 Dec, 15 Mar) bound the instalment periods.</summary>
    private static readonly (int Month, int Day)[] InstalmentEnds = [(6, 15), (9, 15), (12, 15), (3, 15)];

    /// <summary>Every period of a frequency in one financial year, in order.</summary>
    public static IReadOnlyList<Period> InFinancialYear(ComplianceFrequency frequency, int fyStartYear)
    {
        var fyStart = new LocalDate(fyStartYear, 4, 1);
        var fyEnd = new LocalDate(fyStartYear + 1, 3, 31);
        var fy = FyLabel(fyStartYear);
        switch (frequency)
        {
            case ComplianceFrequency.Monthly:
                return Enumerable.Range(0, 12).Select(i =>
                {
                    var start = fyStart.PlusMonths(i);
                    return new Period($"{start.Year:D4}-{start.Month:D2}", start, start.PlusMonths(1).PlusDays(-1), frequency, i + 1);
                }).ToList();
            case ComplianceFrequency.Quarterly:
                return Enumerable.Range(0, 4).Select(i =>
                {
                    var start = fyStart.PlusMonths(3 * i);
                    return new Period($"{fy}-Q{i + 1}", start, start.PlusMonths(3).PlusDays(-1), frequency, i + 1);
                }).ToList();
            case ComplianceFrequency.HalfYearly:
                return Enumerable.Range(0, 2).Select(i =>
                {
                    var start = fyStart.PlusMonths(6 * i);
                    return new Period($"{fy}-H{i + 1}", start, start.PlusMonths(6).PlusDays(-1), frequency, i + 1);
                }).ToList();
            case ComplianceFrequency.Instalments:
                var periods = new List<Period>();
                var from = fyStart;
                for (var i = 0; i < InstalmentEnds.Length; i++)
                {
                    var (m, d) = InstalmentEnds[i];
                    var end = new LocalDate(m >= 4 ? fyStartYear : fyStartYear + 1, m, d);
                    periods.Add(new Period($"{fy}-I{i + 1}", from, end, frequency, i + 1));
                    from = end.PlusDays(1);
                }

                return periods;
            case ComplianceFrequency.Annual:
            case ComplianceFrequency.EventBased:
                return [new Period(fy, fyStart, fyEnd, frequency, 1)];
            default:
                return [];
        }
    }

    /// <summary>Parses a canonical key for a frequency; null when the key does not fit it (e.g. <c>2025-03</c> for a quarterly master).</summary>
    public static Period? TryParse(string? key, ComplianceFrequency frequency)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var trimmed = key.Trim().ToUpperInvariant();
        int fyStart;
        if (frequency == ComplianceFrequency.Monthly)
        {
            var m = MonthKey().Match(trimmed);
            if (!m.Success)
            {
                return null;
            }

            var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12 || year is < 2000 or > 2100)
            {
                return null;
            }

            fyStart = month >= 4 ? year : year - 1;
            return InFinancialYear(frequency, fyStart).Single(p => p.Start.Month == month);
        }

        var f = FyKey().Match(trimmed);
        if (!f.Success)
        {
            return null;
        }

        fyStart = int.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture);
        if (int.Parse(f.Groups[2].Value, CultureInfo.InvariantCulture) != (fyStart + 1) % 100 || fyStart is < 2000 or > 2100)
        {
            return null;
        }

        var suffix = f.Groups[3].Success ? f.Groups[3].Value : null;
        return InFinancialYear(frequency, fyStart).SingleOrDefault(p => (suffix is null ? "FY" : suffix) == p.Slot);
    }

    [GeneratedRegex("^([0-9]{4})-([0-9]{2})$")]
    private static partial Regex MonthKey();

    [GeneratedRegex("^FY([0-9]{4})-([0-9]{2})(?:-([QHI][1-4]))?$")]
    private static partial Regex FyKey();
}
