using NodaTime;

namespace ComplianceOs.Domain.Rules;

/// <summary>A parsed due-date rule: variants in force over time (and, optionally, only for some entities).</summary>
public sealed record DueDateRule(IReadOnlyList<RuleVariant> Variants, IReadOnlyList<string>? Slots);

/// <summary>
/// One version of a rule. It governs periods that <em>start</em> within [EffectiveFrom, EffectiveTo] (both inclusive,
/// either open) and entities matching <see cref="When"/>. The first matching variant in the list wins.
/// </summary>
public sealed record RuleVariant(
    LocalDate? EffectiveFrom,
    LocalDate? EffectiveTo,
    Applicability? When,
    DueSpec Due,
    bool ShiftToNextWorkingDay,
    string? Note);

public abstract record DueSpec;

/// <summary>Day <see cref="Day"/> (1–31, or 0 for the month's last day) of the month <see cref="MonthsAfter"/> after the period's last month.</summary>
public sealed record DayOfMonthAfter(int MonthsAfter, int Day, IReadOnlyList<MonthException> Exceptions) : DueSpec;

/// <summary>For periods whose last month is <see cref="PeriodEndMonth"/>, a different month offset and day (e.g. TDS deducted in March: 30 April).</summary>
public sealed record MonthException(int PeriodEndMonth, int MonthsAfter, int Day);

/// <summary>A fixed calendar date per period slot (Q1…, H1…, FY): the first such date after the period ends.</summary>
public sealed record FixedDate(IReadOnlyDictionary<string, AnnualDate> Dates) : DueSpec;

public sealed record AnnualDate(int Month, int Day);

/// <summary>The day of the month <see cref="MonthsAfter"/> after the period depends on the entity's state.</summary>
public sealed record StateDay(int MonthsAfter, IReadOnlyList<StateGroup> Groups) : DueSpec;

public sealed record StateGroup(int Day, IReadOnlyList<string> States);

/// <summary>Instalments within the financial year, each with the cumulative share of the year's liability due by it.</summary>
public sealed record Instalments(IReadOnlyList<Instalment> Items) : DueSpec;

public sealed record Instalment(int Month, int Day, int CumulativePercent);

/// <summary>
/// <see cref="Days"/> or <see cref="Months"/> after an event of the period (e.g. the AGM for the financial year).
/// Day counting excludes the event day: an AGM on 30 September plus 30 days is 30 October.
/// </summary>
public sealed record EventRelative(string Event, int Days, int Months, int ExpectedMonthsAfterPeriodEnd) : DueSpec;
