using NodaTime;

namespace ComplianceOs.Domain.Rules;

/// <summary>The outcome of computing one due date.</summary>
/// <param name="DueDate">The statutory date; null when it cannot be known yet (<see cref="AwaitingEvent"/>) or the rule does not cover the case (<see cref="Problem"/>).</param>
/// <param name="Anchor">The date used to place an instance in time when its due date is unknown: when the event is expected plus the rule's delay.</param>
public sealed record DueDateResult(
    LocalDate? DueDate,
    RuleVariant? Variant,
    int? CumulativePercent,
    string? AwaitingEvent,
    string? Problem,
    LocalDate? Anchor)
{
    public LocalDate? DateOrAnchor => DueDate ?? Anchor;
}

/// <summary>
/// Computes statutory due dates. Pure and deterministic: no clock, no database, no holidays; weekends are shifted
/// only when a rule variant says <c>"shift": "nextWorkingDay"</c>.
/// </summary>
public static class DueDateEngine
{
    /// <summary>Whether the rule has an instance for this period at all (e.g. PMT-06 only in months 1 and 2 of a quarter).</summary>
    public static bool CoversPeriod(DueDateRule rule, Period period) => rule.Slots is null || rule.Slots.Contains(period.Slot);

    /// <param name="events">Event dates of this entity for the period's financial year, by event name (e.g. "agm").</param>
    public static DueDateResult Compute(DueDateRule rule, Period period, EntityFacts entity, IReadOnlyDictionary<string, LocalDate>? events = null)
    {
        if (!CoversPeriod(rule, period))
        {
            return new(null, null, null, null, $"the rule has no instance for {period.Key} (slot {period.Slot})", null);
        }

        var variant = rule.Variants.FirstOrDefault(v =>
            (v.EffectiveFrom is null || period.Start >= v.EffectiveFrom)
            && (v.EffectiveTo is null || period.Start <= v.EffectiveTo)
            && (v.When is null || v.When.AppliesTo(entity)));
        if (variant is null)
        {
            return new(null, null, null, null, $"no rule variant is in force for period {period.Key}", null);
        }

        var result = variant.Due switch
        {
            DayOfMonthAfter d => FromMonthDay(period, d.Exceptions.FirstOrDefault(x => x.PeriodEndMonth == period.End.Month) is { } x ? (x.MonthsAfter, x.Day) : (d.MonthsAfter, d.Day), variant),
            FixedDate f => f.Dates.TryGetValue(period.Slot, out var ad)
                ? Found(FirstAfter(period.End, ad), variant)
                : new(null, variant, null, null, $"the rule has no date for slot {period.Slot}", null),
            StateDay s => s.Groups.FirstOrDefault(g => g.States.Contains(entity.DateStateCode)) is { } g
                ? FromMonthDay(period, (s.MonthsAfter, g.Day), variant)
                : new(null, variant, null, null, $"the rule has no day for state {entity.DateStateCode}", null),
            Instalments i => period.Index >= 1 && period.Index <= i.Items.Count
                ? Found(InFinancialYear(period.FyStartYear, i.Items[period.Index - 1].Month, i.Items[period.Index - 1].Day), variant) with { CumulativePercent = i.Items[period.Index - 1].CumulativePercent }
                : new(null, variant, null, null, $"the rule has no instalment {period.Index}", null),
            EventRelative e => events is not null && events.TryGetValue(e.Event, out var happened)
                ? Found(happened.PlusMonths(e.Months).PlusDays(e.Days), variant)
                : new(null, variant, null, e.Event, null, period.End.PlusMonths(e.ExpectedMonthsAfterPeriodEnd).PlusMonths(e.Months).PlusDays(e.Days)),
            _ => throw new InvalidOperationException($"unknown due spec {variant.Due.GetType().Name}"),
        };

        return result.DueDate is { } due && variant.ShiftToNextWorkingDay ? result with { DueDate = NextWorkingDay(due) } : result;
    }

    private static DueDateResult Found(LocalDate date, RuleVariant variant) => new(date, variant, null, null, null, null);

    /// <summary>Day 0 means the month's last day; a day past the month's end (31 in a 30-day month) is its last day.</summary>
    private static DueDateResult FromMonthDay(Period period, (int MonthsAfter, int Day) spec, RuleVariant variant)
    {
        var month = new LocalDate(period.End.Year, period.End.Month, 1).PlusMonths(spec.MonthsAfter);
        var last = month.Calendar.GetDaysInMonth(month.Year, month.Month);
        return Found(new LocalDate(month.Year, month.Month, spec.Day == 0 ? last : Math.Min(spec.Day, last)), variant);
    }

    /// <summary>The first occurrence of month/day strictly after <paramref name="periodEnd"/>.</summary>
    private static LocalDate FirstAfter(LocalDate periodEnd, AnnualDate date)
    {
        var candidate = new LocalDate(periodEnd.Year, date.Month, date.Day);
        return candidate > periodEnd ? candidate : new LocalDate(periodEnd.Year + 1, date.Month, date.Day);
    }

    private static LocalDate InFinancialYear(int fyStartYear, int month, int day) =>
        new(month >= 4 ? fyStartYear : fyStartYear + 1, month, day);

    private static LocalDate NextWorkingDay(LocalDate date) => date.DayOfWeek switch
    {
        IsoDayOfWeek.Saturday => date.PlusDays(2),
        IsoDayOfWeek.Sunday => date.PlusDays(1),
        _ => date,
    };
}
