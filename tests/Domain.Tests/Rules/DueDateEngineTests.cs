using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Masters.Catalog;
using ComplianceOs.Domain.Rules;
using NodaTime;
using Period = ComplianceOs.Domain.Rules.Period;

namespace ComplianceOs.Domain.Tests.Rules;

public class DueDateEngineTests
{
    private static readonly EntityFacts MonthlyCompany = new(EntityKind.PrivateLimited, "27", "27", GstRegime.Monthly, true, true, true, ["27"], true, true, true, true, 120m);
    private static readonly EntityFacts QrmpLlp = new(EntityKind.Llp, "29", "29", GstRegime.Qrmp, true, false, false, ["29"], false, false, false, false, 3m);
    private static readonly EntityFacts NorthernQrmpCompany = new(EntityKind.PrivateLimited, "07", "07", GstRegime.Qrmp, true, true, true, [], true, false, true, true, null);
    private static readonly EntityFacts[] AllFacts = [MonthlyCompany, QrmpLlp, NorthernQrmpCompany];

    private static DueDateRule Rule(string json, ComplianceFrequency frequency)
    {
        var v = new Validation();
        var rule = DueDateRuleParser.Parse(json, frequency, v);
        Assert.True(rule is not null, string.Join("; ", v.Errors.Select(e => e.Message)));
        return rule;
    }

    private static LocalDate? Due(string json, ComplianceFrequency frequency, string periodKey, EntityFacts? facts = null) =>
        DueDateEngine.Compute(Rule(json, frequency), Period.TryParse(periodKey, frequency)!, facts ?? MonthlyCompany).DueDate;

    [Fact]
    public void Property_EveryCatalogDueDateIsOnOrAfterItsPeriodEnd_ForTwentyYears()
    {
        var checkedDates = 0;
        var events = new Dictionary<string, LocalDate>();
        foreach (var entry in CatalogLoader.Load())
        {
            foreach (var facts in AllFacts.Where(entry.Applicability.AppliesTo))
            {
                for (var fy = 2016; fy <= 2036; fy++)
                {
                    events["agm"] = new LocalDate(fy + 1, 9, 30);
                    foreach (var period in Period.InFinancialYear(entry.Frequency, fy).Where(p => DueDateEngine.CoversPeriod(entry.DueDateRule, p)))
                    {
                        var result = DueDateEngine.Compute(entry.DueDateRule, period, facts, events);
                        if (result.DueDate is not { } due)
                        {
                            // Only QRMP masters before QRMP existed (2021) have no rule.
                            Assert.True(fy < 2021 && result.Problem is not null, $"{entry.Code} {period.Key}: {result.Problem}");
                            continue;
                        }

                        Assert.True(due >= period.End, $"{entry.Code} {period.Key}: due {due} precedes the period end {period.End}");
                        Assert.True(due <= period.End.PlusMonths(15), $"{entry.Code} {period.Key}: due {due} is implausibly late");
                        checkedDates++;
                    }
                }
            }
        }

        Assert.True(checkedDates > 5000, $"only {checkedDates} dates checked");
    }

    [Theory]
    [InlineData("2023-12", "2024-02-29")]
    [InlineData("2024-12", "2025-02-28")]
    [InlineData("2025-01", "2025-03-31")]
    [InlineData("2025-03", "2025-05-31")]
    public void DayBeyondTheMonth_IsTheMonthsLastDay_InShortMonthsAndLeapYears(string period, string expected)
    {
        var due = Due("""{ "variants": [ { "due": { "kind": "dayOfMonthAfter", "monthsAfter": 2, "day": 31 } } ] }""", ComplianceFrequency.Monthly, period);
        Assert.Equal(expected, due?.ToString("uuuu-MM-dd", null));
    }

    [Theory]
    [InlineData("2024-01", "2024-02-29")]
    [InlineData("2025-01", "2025-02-28")]
    [InlineData("2025-03", "2025-04-30")]
    public void LastDay_FollowsTheCalendar(string period, string expected) =>
        Assert.Equal(expected, Due("""{ "variants": [ { "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": "last" } } ] }""", ComplianceFrequency.Monthly, period)?.ToString("uuuu-MM-dd", null));

    [Fact]
    public void EffectiveDates_GiveAHistoricPeriodTheRuleInForceThen()
    {
        const string rule = """
            { "variants": [
                { "effectiveFrom": "2018-10-01", "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 11 } },
                { "effectiveTo": "2018-09-30", "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 10 } } ] }
            """;
        Assert.Equal(new LocalDate(2018, 10, 10), Due(rule, ComplianceFrequency.Monthly, "2018-09"));
        Assert.Equal(new LocalDate(2018, 11, 11), Due(rule, ComplianceFrequency.Monthly, "2018-10"));
    }

    [Fact]
    public void NoVariantInForce_IsReportedNotGuessed()
    {
        var result = DueDateEngine.Compute(
            Rule("""{ "variants": [ { "effectiveFrom": "2021-01-01", "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 13 } } ] }""", ComplianceFrequency.Monthly),
            Period.TryParse("2020-12", ComplianceFrequency.Monthly)!, MonthlyCompany);

        Assert.Null(result.DueDate);
        Assert.Contains("no rule variant is in force", result.Problem);
    }

    [Theory]
    [InlineData("2025-05", "2025-06-20")] // a Friday: unchanged
    [InlineData("2025-08", "2025-09-22")] // 20 Sep 2025 is a Saturday
    [InlineData("2025-06", "2025-07-21")] // 20 Jul 2025 is a Sunday
    public void Shift_MovesWeekendsOnlyWhenTheRuleSaysSo(string period, string expected)
    {
        const string shifted = """{ "variants": [ { "shift": "nextWorkingDay", "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 20 } } ] }""";
        const string plain = """{ "variants": [ { "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 20 } } ] }""";
        Assert.Equal(expected, Due(shifted, ComplianceFrequency.Monthly, period)?.ToString("uuuu-MM-dd", null));
        Assert.Equal(20, Due(plain, ComplianceFrequency.Monthly, period)?.Day);
    }

    [Fact]
    public void EventRelative_HasNoDueDateUntilTheEvent_AndCountsFromTheDayAfter()
    {
        var rule = Rule("""{ "variants": [ { "due": { "kind": "eventRelative", "event": "agm", "days": 30, "expectedMonthsAfterPeriodEnd": 6 } } ] }""", ComplianceFrequency.EventBased);
        var period = Period.TryParse("FY2024-25", ComplianceFrequency.EventBased)!;

        var waiting = DueDateEngine.Compute(rule, period, MonthlyCompany);
        Assert.Null(waiting.DueDate);
        Assert.Equal("agm", waiting.AwaitingEvent);
        Assert.Equal(new LocalDate(2025, 10, 30), waiting.Anchor);

        var known = DueDateEngine.Compute(rule, period, MonthlyCompany, new Dictionary<string, LocalDate> { ["agm"] = new(2025, 9, 30) });
        Assert.Equal(new LocalDate(2025, 10, 30), known.DueDate);
        Assert.Null(known.AwaitingEvent);
    }

    [Fact]
    public void UncoveredSlot_HasNoDate()
    {
        var rule = Rule("""{ "slots": ["M1", "M2"], "variants": [ { "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 25 } } ] }""", ComplianceFrequency.Monthly);
        var june = Period.TryParse("2025-06", ComplianceFrequency.Monthly)!;

        Assert.False(DueDateEngine.CoversPeriod(rule, june));
        Assert.Null(DueDateEngine.Compute(rule, june, MonthlyCompany).DueDate);
        Assert.Equal(new LocalDate(2025, 5, 25), DueDateEngine.Compute(rule, Period.TryParse("2025-04", ComplianceFrequency.Monthly)!, MonthlyCompany).DueDate);
    }
}
