using System.Globalization;
using NodaTime;

namespace ComplianceOs.AdminPortal.Entities;

/// <summary>An AGM as the entity page records it: which financial year's accounts it adopted, and when it was held.</summary>
public sealed class AgmForm
{
    public const string Prefix = "Agm";

    public DateOnly? FinancialYearEnd { get; set; }

    public DateOnly? HeldOn { get; set; }

    /// <summary>The last <paramref name="count"/> financial-year ends before <paramref name="today"/>, latest first.</summary>
    public static IReadOnlyList<LocalDate> RecentYearEnds(int fyEndMonth, LocalDate today, int count = 5)
    {
        var ends = new List<LocalDate>();
        for (var year = today.Year; ends.Count < count; year--)
        {
            var end = new LocalDate(year, fyEndMonth, 1).With(DateAdjusters.EndOfMonth);
            if (end < today)
            {
                ends.Add(end);
            }
        }

        return ends;
    }

    public static string Label(LocalDate fyEnd) => "FY ending " + fyEnd.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string? KeyOf(string field) => field switch
    {
        "financialYearEnd" => $"{Prefix}.{nameof(FinancialYearEnd)}",
        "heldOn" => $"{Prefix}.{nameof(HeldOn)}",
        _ => null,
    };
}
