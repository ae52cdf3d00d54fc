using ComplianceOs.Domain.Rules;
using NodaTime;
using Period = ComplianceOs.Domain.Rules.Period;

namespace ComplianceOs.Domain.Masters.PreviewDueDates;

/// <summary>
/// One upcoming date of a rule for an entity: the statutory due date, or, while the rule waits for an event (the
/// AGM), the date it is expected around.
/// </summary>
public sealed record UpcomingDate(
    string PeriodKey,
    LocalDate PeriodStart,
    LocalDate PeriodEnd,
    LocalDate? DueDate,
    LocalDate? ExpectedAround,
    string? AwaitingEvent,
    int? CumulativePercent,
    string? Note)
{
    /// <summary>The date the row is ordered by: the due date, else the expected one.</summary>
    public LocalDate Date => DueDate ?? ExpectedAround ?? PeriodEnd;
}

/// <summary>A period the rule should cover but gives no date for (no variant in force, the entity's state in no group).</summary>
public sealed record UpcomingGap(string PeriodKey, string Problem);

public sealed record UpcomingDueDatesResult(IReadOnlyList<UpcomingDate> Dates, IReadOnlyList<UpcomingGap> Gaps);

/// <summary>
/// The next due dates of a rule for one entity, from a given day, exactly as <see cref="DueDateEngine"/> computes
/// them for generation: same periods, same slots, same events. Pure, so a rule can be previewed before it is saved.
/// </summary>
public static class UpcomingDueDates
{
    public const int DefaultCount = 12;

    /// <summary>Far enough for twelve dates of an annual rule, with room for gaps; a rule covering nothing stops here.</summary>
    public const int MaxYears = 40;

    /// <param name="from">The first day a date may fall on (inclusive), usually the tenant's today.</param>
    /// <param name="eventsOfYear">The entity's event dates for a financial year (by its first calendar year), as generation passes them.</param>
    public static UpcomingDueDatesResult Compute(
        DueDateRule rule,
        ComplianceFrequency frequency,
        EntityFacts entity,
        LocalDate from,
        Func<int, IReadOnlyDictionary<string, LocalDate>?>? eventsOfYear = null,
        int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var dates = new List<UpcomingDate>();
        var gaps = new List<UpcomingGap>();

        // Periods up to two years back can still fall due after `from` (annual returns are due months after the year).
        var firstFy = FyOf(from) - 2;
        for (var fy = firstFy; fy < firstFy + MaxYears; fy++)
        {
            // Every due date of a year falls on or after the year's first day, so once the year starts after the
            // count-th earliest date found, no later year can add an earlier one.
            if (dates.Count >= count && new LocalDate(fy, 4, 1) > dates.Select(d => d.Date).Order().ElementAt(count - 1))
            {
                break;
            }

            var events = eventsOfYear?.Invoke(fy);
            foreach (var period in Period.InFinancialYear(frequency, fy).Where(p => DueDateEngine.CoversPeriod(rule, p)))
            {
                var due = DueDateEngine.Compute(rule, period, entity, events);
                if (due.DateOrAnchor is { } when)
                {
                    if (when >= from)
                    {
                        dates.Add(new UpcomingDate(period.Key, period.Start, period.End, due.DueDate, due.DueDate is null ? due.Anchor : null, due.AwaitingEvent, due.CumulativePercent, due.Variant?.Note));
                    }
                }
                else if (due.Problem is { } problem && period.End >= from && gaps.Count < count)
                {
                    gaps.Add(new UpcomingGap(period.Key, problem));
                }
            }
        }

        return new UpcomingDueDatesResult(dates.OrderBy(d => d.Date).ThenBy(d => d.PeriodStart).Take(count).ToList(), gaps);
    }

    private static int FyOf(LocalDate d) => d.Month >= 4 ? d.Year : d.Year - 1;
}
