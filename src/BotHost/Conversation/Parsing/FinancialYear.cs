using NodaTime;

namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>
/// Indian financial-year arithmetic (April to March) and the product's canonical period keys. A financial year is
/// identified here by the calendar year it starts in: FY2024-25 starts on 1 April 2024.
/// </summary>
internal static class FinancialYear
{
    public static int StartYearOf(int year, int month) => month >= 4 ? year : year - 1;

    public static int StartYearOf(LocalDate date) => StartYearOf(date.Year, date.Month);

    public static PeriodRef Month(int year, int month) => new(PeriodKind.Month, $"{year:D4}-{month:D2}");

    public static PeriodRef Year(int startYear) => new(PeriodKind.FinancialYear, Label(startYear));

    public static PeriodRef Quarter(int startYear, int quarter) => new(PeriodKind.Quarter, $"{Label(startYear)}-Q{quarter}");

    public static PeriodRef Half(int startYear, int half) => new(PeriodKind.HalfYear, $"{Label(startYear)}-H{half}");

    /// <summary>Quarter 1–4 of the financial year containing the month (Q1 = Apr–Jun … Q4 = Jan–Mar).</summary>
    public static int QuarterOf(int month) => (month + 8) % 12 / 3 + 1;

    /// <summary>
    /// The financial year whose <paramref name="part"/> (of <paramref name="partsPerYear"/>) is the latest that has already
    /// started: "Q4" typed in November means the January–March just gone, because this year's has not begun.
    /// </summary>
    public static int LatestStartedYear(LocalDate today, int part, int partsPerYear)
    {
        var current = StartYearOf(today);
        var monthsIn = 12 / partsPerYear * (part - 1);
        var partStart = new LocalDate(current, 4, 1).PlusMonths(monthsIn);
        var todayMonth = new LocalDate(today.Year, today.Month, 1);
        return partStart <= todayMonth ? current : current - 1;
    }

    /// <summary>Reads the year of a financial year as typed: "25" and "2025" mean the year ending in 2025.</summary>
    public static int StartYearFromEnd(int typed) => FullYear(typed) - 1;

    public static int FullYear(int typed) => typed < 100 ? 2000 + typed : typed;

    private static string Label(int startYear) => $"FY{startYear:D4}-{(startYear + 1) % 100:D2}";
}
