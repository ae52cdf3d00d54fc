using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Masters.Catalog;
using ComplianceOs.Domain.Masters.LateFees;
using NodaTime;

namespace ComplianceOs.Domain.Tests.LateFees;

public sealed class LateFeeCalculatorTests
{
    private static readonly LocalDate Due = new(2025, 4, 20);

    private static LateFeeRule Fee(string code) => CatalogLoader.Load().Single(e => e.Code == code).LateFee!;

    [Theory]
    [InlineData("GSTR3B", 10, 1.0, 500, false)] // Rs 50 × 10 days
    [InlineData("GSTR3B", 60, 1.0, 2000, true)] // AATO ≤ 1.5 crore: capped at Rs 2,000
    [InlineData("GSTR3B", 60, 3.0, 3000, false)] // 1.5–5 crore band, cap Rs 5,000 not reached
    [InlineData("GSTR3B", 150, 3.0, 5000, true)]
    [InlineData("GSTR3B", 400, 12.0, 10000, true)] // above 5 crore
    [InlineData("GSTR1", 1, 0.5, 50, false)]
    [InlineData("TDS_24Q", 30, 40.0, 6000, false)] // Rs 200 a day, no cap we can compute
    [InlineData("AOC4", 45, 2.0, 4500, false)]
    [InlineData("DIR3KYC", 3, null, 5000, false)] // flat fee from the first day late
    [InlineData("ITR6", 200, 10.0, 5000, false)]
    public void Accrues_by_band_and_cap(string code, int daysLate, double? turnover, int expected, bool capped)
    {
        var estimate = LateFeeCalculator.Compute(Fee(code), Due, Due.PlusDays(daysLate), (decimal?)turnover);

        Assert.Equal(daysLate, estimate.DaysLate);
        Assert.Equal(expected, estimate.Amount);
        Assert.Equal(capped, estimate.Capped);
    }

    [Fact]
    public void Gstr9_cap_is_a_share_of_turnover()
    {
        // 2 crore turnover, Rs 50 a day, capped at 0.04% of 2 crore = Rs 8,000.
        var estimate = LateFeeCalculator.Compute(Fee("GSTR9"), Due, Due.PlusDays(365), 2m);

        Assert.Equal(8000m, estimate.Amount);
        Assert.True(estimate.Capped);
        Assert.Contains("capped at Rs 8,000", estimate.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_turnover_takes_the_highest_band_and_says_so()
    {
        var estimate = LateFeeCalculator.Compute(Fee("GSTR3B"), Due, Due.PlusDays(300), null);

        Assert.Equal(10000m, estimate.Amount);
        Assert.Contains("turnover not recorded", estimate.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_late_costs_nothing()
    {
        Assert.Equal(0m, LateFeeCalculator.Compute(Fee("GSTR3B"), Due, Due, 1m).Amount);
        Assert.Equal(0, LateFeeCalculator.Compute(Fee("GSTR3B"), Due, Due.PlusDays(-5), 1m).DaysLate);
    }

    [Fact]
    public void Interest_only_obligations_have_no_amount_but_count_days()
    {
        var master = CatalogLoader.Load().Single(e => e.Code == "TDS_PAY");
        var estimate = LateFeeCalculator.Compute(master.LateFee, Due, Due.PlusDays(12), 1m);

        Assert.Null(master.LateFee);
        Assert.Null(estimate.Amount);
        Assert.Equal(12, estimate.DaysLate);
    }

    [Theory]
    [InlineData(0, "Rs 0")]
    [InlineData(999, "Rs 999")]
    [InlineData(2000, "Rs 2,000")]
    [InlineData(150000, "Rs 1,50,000")]
    [InlineData(12345678, "Rs 1,23,45,678")]
    [InlineData(10.5, "Rs 10.50")]
    public void Rupees_use_indian_grouping(double amount, string expected) =>
        Assert.Equal(expected, LateFeeCalculator.Rupees((decimal)amount));

    [Theory]
    [InlineData("""{"bands":[]}""", "lateFee.bands")]
    [InlineData("""{"bands":[{"perDay":50,"flat":10}]}""", "lateFee.bands[0]")]
    [InlineData("""{"bands":[{"cap":10}]}""", "lateFee.bands[0]")]
    [InlineData("""{"bands":[{"perDay":-5}]}""", "lateFee.bands[0].perDay")]
    [InlineData("""{"bands":[{"perDay":50},{"perDay":60}]}""", "lateFee.bands[0].turnoverUpToCrore")]
    [InlineData("""{"bands":[{"turnoverUpToCrore":5,"perDay":50},{"turnoverUpToCrore":2,"perDay":60},{"perDay":70}]}""", "lateFee.bands[1].turnoverUpToCrore")]
    [InlineData("""{"bands":[{"turnoverUpToCrore":5,"perDay":50}]}""", "lateFee.bands[0].turnoverUpToCrore")]
    [InlineData("""{"bands":[{"perDay":50,"capPercentOfTurnover":150}]}""", "lateFee.bands[0].capPercentOfTurnover")]
    [InlineData("""{"bands":[{"perDay":50}],"interest":18}""", "lateFee.interest")]
    [InlineData("""[1,2]""", "lateFee")]
    [InlineData("""{not json""", "lateFee")]
    public void Bad_rules_name_the_field(string json, string field)
    {
        var v = new Validation();

        Assert.Null(LateFeeRuleParser.Parse(json, v, "lateFee"));
        Assert.Contains(v.Errors.OfType<ValidationError>(), e => e.Field == field);
    }

    [Fact]
    public void Every_catalog_master_has_a_checklist_and_every_fee_parses()
    {
        var catalog = CatalogLoader.Load();

        Assert.All(catalog, e => Assert.NotEmpty(e.Checklist));
        Assert.All(catalog.Where(e => e.LateFeeJson is not null), e => Assert.NotNull(e.LateFee));
        Assert.Contains(catalog, e => e.LateFee is not null && e.Code == "GSTR3B");
    }
}
