using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Masters.PreviewDueDates;
using ComplianceOs.Domain.Rules;
using NodaTime;
using Period = ComplianceOs.Domain.Rules.Period;

namespace ComplianceOs.Domain.Tests.Masters;

public class UpcomingDueDatesTests
{
    private static readonly EntityFacts MumbaiCompany = new(EntityKind.PrivateLimited, "27", "27", GstRegime.Monthly, true, true, true, ["27"], true, false, false, false, 120m);
    private static readonly LocalDate Today = new(2026, 11, 23);

    private static DueDateRule Rule(string json, ComplianceFrequency frequency)
    {
        var v = new Validation();
        var rule = DueDateRuleParser.Parse(json, frequency, v);
        Assert.True(rule is not null, string.Join("; ", v.Errors.Select(e => e.Message)));
        return rule;
    }

    private static List<string> Keys(UpcomingDueDatesResult r) => r.Dates.Select(d => d.PeriodKey).ToList();

    private static List<LocalDate> Dates(UpcomingDueDatesResult r) => r.Dates.Select(d => d.Date).ToList();

    [Fact]
    public void Monthly_GivesTheNextTwelve_EachExactlyWhatTheEngineComputesForItsPeriod()
    {
        var rule = Rule("""{"variants":[{"due":{"kind":"dayOfMonthAfter","monthsAfter":1,"day":20}}]}""", ComplianceFrequency.Monthly);

        var result = UpcomingDueDates.Compute(rule, ComplianceFrequency.Monthly, MumbaiCompany, Today);

        // October's return fell due on 20 November, before today: November's is the first.
        Assert.Equal(["2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06", "2027-07", "2027-08", "2027-09", "2027-10"], Keys(result));
        Assert.Equal(new LocalDate(2026, 12, 20), result.Dates[0].DueDate);
        Assert.Equal(new LocalDate(2027, 11, 20), result.Dates[^1].DueDate);
        Assert.All(result.Dates, d => Assert.Equal(DueDateEngine.Compute(rule, Period.TryParse(d.PeriodKey, ComplianceFrequency.Monthly)!, MumbaiCompany).DueDate, d.DueDate));
        Assert.Empty(result.Gaps);
    }

    [Fact]
    public void ADueDateOnTheFromDay_IsIncluded()
    {
        var rule = Rule("""{"variants":[{"due":{"kind":"dayOfMonthAfter","monthsAfter":1,"day":20}}]}""", ComplianceFrequency.Monthly);

        var result = UpcomingDueDates.Compute(rule, ComplianceFrequency.Monthly, MumbaiCompany, new LocalDate(2026, 11, 20), count: 2);

        Assert.Equal(["2026-10", "2026-11"], Keys(result));
    }

    [Fact]
    public void TheMarchException_KeepsTheDatesInOrder()
    {
        var rule = Rule("""{"variants":[{"due":{"kind":"dayOfMonthAfter","monthsAfter":1,"day":7,"exceptions":[{"periodEndMonth":3,"monthsAfter":1,"day":30}]}}]}""", ComplianceFrequency.Monthly);

        var result = UpcomingDueDates.Compute(rule, ComplianceFrequency.Monthly, MumbaiCompany, new LocalDate(2027, 3, 1), count: 4);

        Assert.Equal([new LocalDate(2027, 3, 7), new LocalDate(2027, 4, 30), new LocalDate(2027, 5, 7), new LocalDate(2027, 6, 7)], Dates(result));
        Assert.Equal(["2027-02", "2027-03", "2027-04", "2027-05"], Keys(result));
    }

    [Fact]
    public void Annual_ReachesBackForAYearStillToFallDue_AndForwardTwelveYears()
    {
        var rule = Rule("""{"variants":[{"due":{"kind":"fixedDate","dates":{"FY":{"month":12,"day":31}}}}]}""", ComplianceFrequency.Annual);

        var result = UpcomingDueDates.Compute(rule, ComplianceFrequency.Annual, MumbaiCompany, Today);

        Assert.Equal(12, result.Dates.Count);
        Assert.Equal(("FY2025-26", new LocalDate(2026, 12, 31)), (result.Dates[0].PeriodKey, result.Dates[0].Date));
        Assert.Equal(("FY2036-37", new LocalDate(2037, 12, 31)), (result.Dates[^1].PeriodKey, result.Dates[^1].Date));
    }

    [Fact]
    public void Quarterly_FixedDates_FollowTheSlots()
    {
        var rule = Rule("""{"variants":[{"due":{"kind":"fixedDate","dates":{"Q1":{"month":7,"day":31},"Q2":{"month":10,"day":31},"Q3":{"month":1,"day":31},"Q4":{"month":5,"day":31}}}}]}""", ComplianceFrequency.Quarterly);

        var result = UpcomingDueDates.Compute(rule, ComplianceFrequency.Quarterly, MumbaiCompany, Today, count: 5);

        Assert.Equal([new LocalDate(2027, 1, 31), new LocalDate(2027, 5, 31), new LocalDate(2027, 7, 31), new LocalDate(2027, 10, 31), new LocalDate(2028, 1, 31)], Dates(result));
        Assert.Equal("FY2026-27-Q3", result.Dates[0].PeriodKey);
    }

    [Fact]
    public void PeriodsOutsideTheRulesSlots_HaveNoDate_AndAreNoGap()
    {
        var rule = Rule("""{"slots":["M1","M2","M4","M5","M7","M8","M10","M11"],"variants":[{"due":{"kind":"dayOfMonthAfter","monthsAfter":1,"day":25}}]}""", ComplianceFrequency.Monthly);

        var result = UpcomingDueDates.Compute(rule, ComplianceFrequency.Monthly, MumbaiCompany, Today, count: 6);

        Assert.Equal(["2026-10", "2026-11", "2027-01", "2027-02", "2027-04", "2027-05"], Keys(result));
        Assert.Empty(result.Gaps);
    }

    [Fact]
    public void AnEventRule_WaitsForTheEvent_UntilItIsRecorded()
    {
        var rule = Rule("""{"variants":[{"due":{"kind":"eventRelative","event":"agm","days":30,"expectedMonthsAfterPeriodEnd":6}}]}""", ComplianceFrequency.EventBased);

        var waiting = UpcomingDueDates.Compute(rule, ComplianceFrequency.EventBased, MumbaiCompany, Today, count: 2);
        Assert.Equal(["FY2026-27", "FY2027-28"], Keys(waiting));
        Assert.All(waiting.Dates, d => Assert.Equal(("agm", (LocalDate?)null), (d.AwaitingEvent, d.DueDate)));
        Assert.Equal(new LocalDate(2027, 10, 30), waiting.Dates[0].ExpectedAround);

        var agm = new LocalDate(2027, 9, 20);
        var held = UpcomingDueDates.Compute(rule, ComplianceFrequency.EventBased, MumbaiCompany, Today, fy => fy == 2026 ? new Dictionary<string, LocalDate> { ["agm"] = agm } : null, count: 2);
        Assert.Equal((new LocalDate(2027, 10, 20), (string?)null), (held.Dates[0].DueDate, held.Dates[0].AwaitingEvent));
        Assert.Null(held.Dates[1].DueDate);
    }

    [Fact]
    public void Instalments_CarryTheirCumulativeShare()
    {
        var rule = Rule("""{"variants":[{"due":{"kind":"instalments","items":[{"month":6,"day":15,"cumulativePercent":15},{"month":9,"day":15,"cumulativePercent":45},{"month":12,"day":15,"cumulativePercent":75},{"month":3,"day":15,"cumulativePercent":100}]}}]}""", ComplianceFrequency.Instalments);

        var result = UpcomingDueDates.Compute(rule, ComplianceFrequency.Instalments, MumbaiCompany, Today, count: 3);

        Assert.Equal([(new LocalDate(2026, 12, 15), 75), (new LocalDate(2027, 3, 15), 100), (new LocalDate(2027, 6, 15), 15)], result.Dates.Select(d => (d.Date, d.CumulativePercent!.Value)).ToList());
    }

    [Fact]
    public void ARuleNoLongerInForce_GivesNoDates_AndSaysWhy_ForAtMostTheCountOfPeriods()
    {
        var rule = Rule("""{"variants":[{"effectiveTo":"2020-03-31","due":{"kind":"dayOfMonthAfter","monthsAfter":1,"day":20}}]}""", ComplianceFrequency.Monthly);

        var result = UpcomingDueDates.Compute(rule, ComplianceFrequency.Monthly, MumbaiCompany, Today);

        Assert.Empty(result.Dates);
        Assert.Equal(12, result.Gaps.Count);
        Assert.Equal("2026-11", result.Gaps[0].PeriodKey);
        Assert.Contains("no rule variant is in force", result.Gaps[0].Problem);
    }

    [Fact]
    public void AStateInNoGroup_IsAGap_NamingTheState()
    {
        var rule = Rule("""{"variants":[{"due":{"kind":"stateDay","monthsAfter":1,"groups":[{"day":22,"states":["29"]}]}}]}""", ComplianceFrequency.Quarterly);

        var result = UpcomingDueDates.Compute(rule, ComplianceFrequency.Quarterly, MumbaiCompany, Today, count: 2);

        Assert.Empty(result.Dates);
        Assert.Equal(["FY2026-27-Q3", "FY2026-27-Q4"], result.Gaps.Select(g => g.PeriodKey).ToList());
        Assert.All(result.Gaps, g => Assert.Contains("state 27", g.Problem));
    }

    [Fact]
    public void VariantNotes_ComeWithTheirDates()
    {
        var rule = Rule("""{"variants":[{"effectiveFrom":"2027-04-01","due":{"kind":"dayOfMonthAfter","monthsAfter":1,"day":11},"note":"new date"},{"due":{"kind":"dayOfMonthAfter","monthsAfter":1,"day":10}}]}""", ComplianceFrequency.Monthly);

        var result = UpcomingDueDates.Compute(rule, ComplianceFrequency.Monthly, MumbaiCompany, new LocalDate(2027, 3, 1), count: 3);

        Assert.Equal([(new LocalDate(2027, 3, 10), (string?)null), (new LocalDate(2027, 4, 10), null), (new LocalDate(2027, 5, 11), "new date")], result.Dates.Select(d => (d.Date, d.Note)).ToList());
    }
}
