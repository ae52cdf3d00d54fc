using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Rules;
using NodaTime;
using Period = ComplianceOs.Domain.Rules.Period;

namespace ComplianceOs.Domain.Tests.Rules;

public class PeriodTests
{
    [Theory]
    [InlineData(ComplianceFrequency.Monthly, "2025-03", "2025-03-01", "2025-03-31", "M12")]
    [InlineData(ComplianceFrequency.Monthly, "2024-02", "2024-02-01", "2024-02-29", "M11")]
    [InlineData(ComplianceFrequency.Monthly, "2025-04", "2025-04-01", "2025-04-30", "M1")]
    [InlineData(ComplianceFrequency.Quarterly, "FY2024-25-Q4", "2025-01-01", "2025-03-31", "Q4")]
    [InlineData(ComplianceFrequency.HalfYearly, "fy2024-25-h1", "2024-04-01", "2024-09-30", "H1")]
    [InlineData(ComplianceFrequency.Annual, "FY2024-25", "2024-04-01", "2025-03-31", "FY")]
    [InlineData(ComplianceFrequency.EventBased, "FY2025-26", "2025-04-01", "2026-03-31", "FY")]
    [InlineData(ComplianceFrequency.Instalments, "FY2024-25-I1", "2024-04-01", "2024-06-15", "I1")]
    [InlineData(ComplianceFrequency.Instalments, "FY2024-25-I4", "2024-12-16", "2025-03-15", "I4")]
    public void TryParse_ReadsCanonicalKeys(ComplianceFrequency frequency, string key, string start, string end, string slot)
    {
        var p = Period.TryParse(key, frequency);

        Assert.NotNull(p);
        Assert.Equal(key.ToUpperInvariant(), p.Key);
        Assert.Equal((start, end, slot), (p.Start.ToString("uuuu-MM-dd", null), p.End.ToString("uuuu-MM-dd", null), p.Slot));
    }

    [Theory]
    [InlineData(ComplianceFrequency.Quarterly, "2025-03")]
    [InlineData(ComplianceFrequency.Monthly, "FY2024-25-Q1")]
    [InlineData(ComplianceFrequency.Annual, "FY2024-25-Q1")]
    [InlineData(ComplianceFrequency.Quarterly, "FY2024-26-Q1")]
    [InlineData(ComplianceFrequency.Quarterly, "FY2024-25-Q5")]
    [InlineData(ComplianceFrequency.HalfYearly, "FY2024-25-Q1")]
    [InlineData(ComplianceFrequency.Monthly, "2025-13")]
    [InlineData(ComplianceFrequency.Monthly, "March")]
    [InlineData(ComplianceFrequency.Monthly, "")]
    public void TryParse_RefusesKeysThatDoNotFitTheFrequency(ComplianceFrequency frequency, string key) =>
        Assert.Null(Period.TryParse(key, frequency));

    [Theory]
    [InlineData(ComplianceFrequency.Monthly, 12)]
    [InlineData(ComplianceFrequency.Quarterly, 4)]
    [InlineData(ComplianceFrequency.HalfYearly, 2)]
    [InlineData(ComplianceFrequency.Annual, 1)]
    [InlineData(ComplianceFrequency.Instalments, 4)]
    public void InFinancialYear_TilesTheYearWithoutGapsOrOverlaps(ComplianceFrequency frequency, int count)
    {
        foreach (var fy in new[] { 2019, 2023, 2024, 2027 })
        {
            var periods = Period.InFinancialYear(frequency, fy);
            Assert.Equal(count, periods.Count);
            Assert.Equal(new LocalDate(fy, 4, 1), periods[0].Start);
            for (var i = 1; i < periods.Count; i++)
            {
                Assert.Equal(periods[i - 1].End.PlusDays(1), periods[i].Start);
            }

            Assert.All(periods, p => Assert.Equal(p, Period.TryParse(p.Key, frequency)));
            Assert.All(periods, p => Assert.Equal(fy, p.FyStartYear));
        }
    }
}
