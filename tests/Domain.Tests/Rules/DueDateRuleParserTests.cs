using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Rules;

namespace ComplianceOs.Domain.Tests.Rules;

public class DueDateRuleParserTests
{
    private static IReadOnlyList<ValidationError> Errors(string json, ComplianceFrequency frequency = ComplianceFrequency.Monthly)
    {
        var v = new Validation();
        var rule = DueDateRuleParser.Parse(json, frequency, v);
        Assert.Equal(rule is null, v.HasErrors);
        return v.Errors.Cast<ValidationError>().ToList();
    }

    [Theory]
    [InlineData("{ not json", "dueDateRule", "not valid JSON")]
    [InlineData("[]", "dueDateRule", "JSON object")]
    [InlineData("{}", "dueDateRule.variants", "non-empty array")]
    [InlineData("""{ "variants": [ {} ] }""", "dueDateRule.variants[0].due", "is required")]
    [InlineData("""{ "variants": [ { "due": { "kind": "weekly" } } ] }""", "dueDateRule.variants[0].due.kind", "'weekly' is not a rule kind")]
    [InlineData("""{ "variants": [ { "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 32 } } ] }""", "dueDateRule.variants[0].due.day", "1 to 31")]
    [InlineData("""{ "variants": [ { "due": { "kind": "dayOfMonthAfter", "day": 20 } } ] }""", "dueDateRule.variants[0].due.monthsAfter", "is required")]
    [InlineData("""{ "variants": [ { "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 20, "days": 3 } } ] }""", "dueDateRule.variants[0].due.days", "not a known field")]
    [InlineData("""{ "variants": [ { "effectiveFrom": "2025-01-01", "effectiveTo": "2024-01-01", "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 20 } } ] }""", "dueDateRule.variants[0].effectiveTo", "before effectiveFrom")]
    [InlineData("""{ "variants": [ { "effectiveFrom": "1 April", "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 20 } } ] }""", "dueDateRule.variants[0].effectiveFrom", "YYYY-MM-DD")]
    [InlineData("""{ "variants": [ { "shift": "holiday", "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 20 } } ] }""", "dueDateRule.variants[0].shift", "nextWorkingDay")]
    [InlineData("""{ "slots": ["Q1"], "variants": [ { "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 20 } } ] }""", "dueDateRule.slots[0]", "not a Monthly period slot")]
    [InlineData("""{ "variants": [ { "when": { "requires": ["gold"] }, "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 20 } } ] }""", "dueDateRule.variants[0].when.requires[0]", "'gold'")]
    [InlineData("""{ "variants": [ { "due": { "kind": "fixedDate", "dates": { "FY": { "month": 12, "day": 31 } } } } ] }""", "dueDateRule.variants[0].due.kind", "does not fit a Monthly obligation")]
    public void InvalidRules_AreRefusedNamingTheField(string json, string field, string message)
    {
        var errors = Errors(json);
        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void FixedDate_NeedsEverySlot_AndRealCalendarDates()
    {
        var errors = Errors("""{ "variants": [ { "due": { "kind": "fixedDate", "dates": { "Q1": { "month": 7, "day": 31 }, "Q2": { "month": 2, "day": 29 }, "Q5": { "month": 1, "day": 1 } } } } ] }""", ComplianceFrequency.Quarterly);

        Assert.Contains(errors, e => e.Field == "dueDateRule.variants[0].due.dates.Q2.day");
        Assert.Contains(errors, e => e.Field == "dueDateRule.variants[0].due.dates.Q5");
        Assert.Contains(errors, e => e.Field == "dueDateRule.variants[0].due.dates.Q3" && e.Message.Contains("missing"));
        Assert.Contains(errors, e => e.Field == "dueDateRule.variants[0].due.dates.Q4");
    }

    [Fact]
    public void Instalments_MustRiseTo100()
    {
        var errors = Errors(
            """{ "variants": [ { "due": { "kind": "instalments", "items": [ { "month": 6, "day": 15, "cumulativePercent": 15 }, { "month": 9, "day": 15, "cumulativePercent": 10 }, { "month": 12, "day": 15, "cumulativePercent": 75 }, { "month": 3, "day": 15, "cumulativePercent": 90 } ] } } ] }""",
            ComplianceFrequency.Instalments);

        Assert.Contains(errors, e => e.Field == "dueDateRule.variants[0].due.items[1].cumulativePercent");
        Assert.Contains(errors, e => e.Field == "dueDateRule.variants[0].due.items[3].cumulativePercent" && e.Message.Contains("100"));
    }

    [Fact]
    public void StateDay_RefusesUnknownAndRepeatedStates()
    {
        var errors = Errors("""{ "variants": [ { "due": { "kind": "stateDay", "monthsAfter": 1, "groups": [ { "day": 22, "states": ["27", "40"] }, { "day": 24, "states": ["27"] } ] } } ] }""", ComplianceFrequency.Quarterly);

        Assert.Contains(errors, e => e.Field == "dueDateRule.variants[0].due.groups[0].states[1]" && e.Message.Contains("'40'"));
        Assert.Contains(errors, e => e.Field == "dueDateRule.variants[0].due.groups[1].states[0]" && e.Message.Contains("another group"));
    }

    [Fact]
    public void EventRelative_NeedsAKnownEventAndADelay()
    {
        var errors = Errors("""{ "variants": [ { "due": { "kind": "eventRelative", "event": "board-meeting", "expectedMonthsAfterPeriodEnd": 6 } } ] }""", ComplianceFrequency.EventBased);

        Assert.Contains(errors, e => e.Field == "dueDateRule.variants[0].due.event");
        Assert.Contains(errors, e => e.Field == "dueDateRule.variants[0].due.days");
    }

    [Fact]
    public void Applicability_RefusesUnknownConditionsByPath()
    {
        var v = new Validation();
        Assert.Null(Applicability.Parse("""{ "entityKinds": ["Trust"], "gstRegime": "Yearly", "professionalTaxState": "Maharashtra", "colour": "red" }""", "applicability", v));

        Assert.Equal(
            ["applicability.entityKinds[0]", "applicability.gstRegime", "applicability.professionalTaxState", "applicability.colour"],
            v.Errors.Cast<ValidationError>().Select(e => e.Field));
    }
}
