using System.Text.RegularExpressions;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Entities.Identifiers;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Masters.Catalog;
using ComplianceOs.Domain.Rules;
using LocalDate = NodaTime.LocalDate;
using Period = ComplianceOs.Domain.Rules.Period;
using NodaTime.Text;

namespace ComplianceOs.Domain.Tests.Catalog;

/// <summary>
/// The shipped catalog against the statutory dates of the research reference (shared/reference/india-compliance-catalog.md)
/// for FY 2024-25 and FY 2025-26, computed through the real loader, parser and engine.
/// </summary>
public class CatalogDueDateTests
{
    /// <summary>Demo entities, by name, covering the applicability keys the catalog uses.</summary>
    private static readonly IReadOnlyDictionary<string, EntityFacts> Demo = new Dictionary<string, EntityFacts>
    {
        // Private company in Maharashtra: monthly GST, TAN, PF, ESI, PT in MH, tax audit, deposits/loans, MSME dues, 12 cr turnover.
        ["MonthlyCoMh"] = new(EntityKind.PrivateLimited, "27", "27", GstRegime.Monthly, HasTan: true, Pf: true, Esi: true, ["27"],
            TaxAudit: true, TransferPricing: false, DepositsOrLoans: true, MsmePayables: true, TurnoverCrore: 12m),

        // The same company with international transactions (Form 3CEB required).
        ["MonthlyCoMhTp"] = new(EntityKind.PrivateLimited, "27", "27", GstRegime.Monthly, HasTan: true, Pf: true, Esi: true, ["27"],
            TaxAudit: true, TransferPricing: true, DepositsOrLoans: true, MsmePayables: true, TurnoverCrore: 12m),

        // LLP in Karnataka under QRMP, registered for PT in Karnataka, 3 cr turnover.
        ["QrmpLlpKa"] = new(EntityKind.Llp, "29", "29", GstRegime.Qrmp, HasTan: true, Pf: false, Esi: false, ["29"],
            TaxAudit: true, TransferPricing: false, DepositsOrLoans: false, MsmePayables: false, TurnoverCrore: 3m),

        // Private company in West Bengal (24th group) under QRMP, 4 cr turnover, no PT registration.
        ["QrmpCoWb"] = new(EntityKind.PrivateLimited, "19", "19", GstRegime.Qrmp, HasTan: true, Pf: true, Esi: false, [],
            TaxAudit: true, TransferPricing: false, DepositsOrLoans: false, MsmePayables: false, TurnoverCrore: 4m),

        // Private company in Maharashtra (22nd group) under QRMP.
        ["QrmpCoMh"] = new(EntityKind.PrivateLimited, "27", "27", GstRegime.Qrmp, HasTan: true, Pf: false, Esi: false, ["27"],
            TaxAudit: false, TransferPricing: false, DepositsOrLoans: false, MsmePayables: false, TurnoverCrore: 1.5m),

        // Private company in the Andaman & Nicobar Islands (22nd group, often misplaced in the 24th) under QRMP.
        ["QrmpCoAn"] = new(EntityKind.PrivateLimited, "35", "35", GstRegime.Qrmp, HasTan: false, Pf: false, Esi: false, [],
            TaxAudit: false, TransferPricing: false, DepositsOrLoans: false, MsmePayables: false, TurnoverCrore: 0.5m),

        // Small company in Delhi with no GSTIN, TAN or payroll registrations.
        ["SmallCoDelhiNoGst"] = new(EntityKind.PrivateLimited, "07", null, null, HasTan: false, Pf: false, Esi: false, [],
            TaxAudit: false, TransferPricing: false, DepositsOrLoans: false, MsmePayables: false, TurnoverCrore: 1m),
    };

    private static readonly string[] ExpectedCodes =
    [
        "GSTR1", "GSTR1_QRMP", "GSTR3B", "GSTR3B_QRMP", "GST_PMT06", "GSTR9", "GSTR9C",
        "TDS_PAY", "TDS_24Q", "TDS_26Q", "FORM16", "FORM16A",
        "ADV_TAX", "ITR6", "ITR5_LLP", "TAX_AUDIT", "TP_3CEB",
        "EPF_ECR", "ESI", "PT_MH_PTRC", "PT_MH_PTEC", "PT_KA", "PT_KA_FORM5",
        "AGM", "AOC4", "MGT7", "ADT1", "DIR3KYC", "DPT3", "MSME1",
        "LLP_FORM11", "LLP_FORM8",
    ];

    private static CatalogEntry Entry(string code) => Assert.Single(CatalogLoader.Load(), e => e.Code == code);

    private static Period PeriodOf(CatalogEntry entry, string key)
    {
        var period = Period.TryParse(key, entry.Frequency);
        Assert.True(period is not null, $"'{key}' is not a {entry.Frequency} period key");
        return period!;
    }

    private static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    private static DueDateResult Compute(string code, string key, string entity, string? agm = null)
    {
        var entry = Entry(code);
        var period = PeriodOf(entry, key);
        var events = agm is null ? null : new Dictionary<string, LocalDate> { ["agm"] = Date(agm) };
        return DueDateEngine.Compute(entry.DueDateRule, period, Demo[entity], events);
    }

    // ---------------------------------------------------------------- reference dates, FY 2024-25 and FY 2025-26

    [Theory]
    // GSTR-1 monthly: 11th of the following month (the Dec-2024 extension to 13-Jan-2025 is not applied).
    [InlineData("GSTR1", "2024-04", "2024-05-11", "MonthlyCoMh")]
    [InlineData("GSTR1", "2024-12", "2025-01-11", "MonthlyCoMh")]
    [InlineData("GSTR1", "2025-03", "2025-04-11", "MonthlyCoMh")]
    [InlineData("GSTR1", "2025-09", "2025-10-11", "MonthlyCoMh")]
    [InlineData("GSTR1", "2026-03", "2026-04-11", "MonthlyCoMh")]
    // GSTR-1 quarterly (QRMP): 13th of the month after the quarter (Jan–Mar 2025 → 13-Apr-2025).
    [InlineData("GSTR1_QRMP", "FY2024-25-Q1", "2024-07-13", "QrmpLlpKa")]
    [InlineData("GSTR1_QRMP", "FY2024-25-Q3", "2025-01-13", "QrmpLlpKa")]
    [InlineData("GSTR1_QRMP", "FY2024-25-Q4", "2025-04-13", "QrmpLlpKa")]
    [InlineData("GSTR1_QRMP", "FY2025-26-Q2", "2025-10-13", "QrmpCoWb")]
    [InlineData("GSTR1_QRMP", "FY2025-26-Q4", "2026-04-13", "QrmpCoWb")]
    // GSTR-3B monthly: 20th in every state (extensions to 22-Jan-2025 and 25-Oct-2025 are not applied).
    [InlineData("GSTR3B", "2024-04", "2024-05-20", "MonthlyCoMh")]
    [InlineData("GSTR3B", "2024-12", "2025-01-20", "MonthlyCoMh")]
    [InlineData("GSTR3B", "2025-03", "2025-04-20", "MonthlyCoMh")]
    [InlineData("GSTR3B", "2025-09", "2025-10-20", "MonthlyCoMh")]
    [InlineData("GSTR3B", "2026-03", "2026-04-20", "MonthlyCoMh")]
    // GSTR-3B quarterly (QRMP): 22nd or 24th of the month after the quarter by the principal GSTIN's state.
    [InlineData("GSTR3B_QRMP", "FY2024-25-Q3", "2025-01-22", "QrmpCoMh")]
    [InlineData("GSTR3B_QRMP", "FY2025-26-Q2", "2025-10-22", "QrmpCoMh")]
    [InlineData("GSTR3B_QRMP", "FY2024-25-Q4", "2025-04-22", "QrmpLlpKa")]
    [InlineData("GSTR3B_QRMP", "FY2025-26-Q1", "2025-07-22", "QrmpLlpKa")]
    [InlineData("GSTR3B_QRMP", "FY2024-25-Q1", "2024-07-22", "QrmpCoAn")]
    [InlineData("GSTR3B_QRMP", "FY2025-26-Q4", "2026-04-22", "QrmpCoAn")]
    [InlineData("GSTR3B_QRMP", "FY2024-25-Q3", "2025-01-24", "QrmpCoWb")]
    [InlineData("GSTR3B_QRMP", "FY2025-26-Q2", "2025-10-24", "QrmpCoWb")]
    [InlineData("GSTR3B_QRMP", "FY2025-26-Q4", "2026-04-24", "QrmpCoWb")]
    // PMT-06: 25th of the month after months 1 and 2 of a quarter (Feb-2025 → 25-Mar-2025).
    [InlineData("GST_PMT06", "2024-04", "2024-05-25", "QrmpLlpKa")]
    [InlineData("GST_PMT06", "2024-11", "2024-12-25", "QrmpLlpKa")]
    [InlineData("GST_PMT06", "2025-02", "2025-03-25", "QrmpLlpKa")]
    [InlineData("GST_PMT06", "2025-05", "2025-06-25", "QrmpCoWb")]
    [InlineData("GST_PMT06", "2026-01", "2026-02-25", "QrmpCoWb")]
    // GSTR-9 / 9C: 31 December after the FY.
    [InlineData("GSTR9", "FY2024-25", "2025-12-31", "MonthlyCoMh")]
    [InlineData("GSTR9", "FY2025-26", "2026-12-31", "QrmpLlpKa")]
    [InlineData("GSTR9C", "FY2024-25", "2025-12-31", "MonthlyCoMh")]
    [InlineData("GSTR9C", "FY2025-26", "2026-12-31", "MonthlyCoMh")]
    // TDS deposit: 7th of the following month; March → 30 April.
    [InlineData("TDS_PAY", "2024-04", "2024-05-07", "MonthlyCoMh")]
    [InlineData("TDS_PAY", "2024-12", "2025-01-07", "MonthlyCoMh")]
    [InlineData("TDS_PAY", "2025-02", "2025-03-07", "MonthlyCoMh")]
    [InlineData("TDS_PAY", "2025-03", "2025-04-30", "MonthlyCoMh")]
    [InlineData("TDS_PAY", "2025-04", "2025-05-07", "MonthlyCoMh")]
    [InlineData("TDS_PAY", "2026-03", "2026-04-30", "QrmpLlpKa")]
    // 24Q / 26Q: 31 Jul, 31 Oct, 31 Jan, 31 May.
    [InlineData("TDS_24Q", "FY2024-25-Q1", "2024-07-31", "MonthlyCoMh")]
    [InlineData("TDS_24Q", "FY2024-25-Q2", "2024-10-31", "MonthlyCoMh")]
    [InlineData("TDS_24Q", "FY2024-25-Q3", "2025-01-31", "MonthlyCoMh")]
    [InlineData("TDS_24Q", "FY2024-25-Q4", "2025-05-31", "MonthlyCoMh")]
    [InlineData("TDS_24Q", "FY2025-26-Q1", "2025-07-31", "MonthlyCoMh")]
    [InlineData("TDS_24Q", "FY2025-26-Q2", "2025-10-31", "MonthlyCoMh")]
    [InlineData("TDS_24Q", "FY2025-26-Q3", "2026-01-31", "MonthlyCoMh")]
    [InlineData("TDS_24Q", "FY2025-26-Q4", "2026-05-31", "MonthlyCoMh")]
    [InlineData("TDS_26Q", "FY2024-25-Q1", "2024-07-31", "QrmpLlpKa")]
    [InlineData("TDS_26Q", "FY2024-25-Q2", "2024-10-31", "QrmpLlpKa")]
    [InlineData("TDS_26Q", "FY2024-25-Q3", "2025-01-31", "QrmpLlpKa")]
    [InlineData("TDS_26Q", "FY2024-25-Q4", "2025-05-31", "QrmpLlpKa")]
    [InlineData("TDS_26Q", "FY2025-26-Q1", "2025-07-31", "QrmpLlpKa")]
    [InlineData("TDS_26Q", "FY2025-26-Q2", "2025-10-31", "QrmpLlpKa")]
    [InlineData("TDS_26Q", "FY2025-26-Q3", "2026-01-31", "QrmpLlpKa")]
    [InlineData("TDS_26Q", "FY2025-26-Q4", "2026-05-31", "QrmpLlpKa")]
    // Form 16: 15 June after the FY; Form 16A: 15 Aug, 15 Nov, 15 Feb, 15 Jun.
    [InlineData("FORM16", "FY2024-25", "2025-06-15", "MonthlyCoMh")]
    [InlineData("FORM16", "FY2025-26", "2026-06-15", "MonthlyCoMh")]
    [InlineData("FORM16A", "FY2024-25-Q1", "2024-08-15", "MonthlyCoMh")]
    [InlineData("FORM16A", "FY2024-25-Q2", "2024-11-15", "MonthlyCoMh")]
    [InlineData("FORM16A", "FY2024-25-Q3", "2025-02-15", "MonthlyCoMh")]
    [InlineData("FORM16A", "FY2024-25-Q4", "2025-06-15", "MonthlyCoMh")]
    [InlineData("FORM16A", "FY2025-26-Q1", "2025-08-15", "MonthlyCoMh")]
    [InlineData("FORM16A", "FY2025-26-Q2", "2025-11-15", "MonthlyCoMh")]
    [InlineData("FORM16A", "FY2025-26-Q3", "2026-02-15", "MonthlyCoMh")]
    [InlineData("FORM16A", "FY2025-26-Q4", "2026-06-15", "MonthlyCoMh")]
    // Company ITR: 31 Oct, or 30 Nov with transfer pricing; LLP ITR-5 (audited): 31 Oct.
    [InlineData("ITR6", "FY2024-25", "2025-10-31", "MonthlyCoMh")]
    [InlineData("ITR6", "FY2025-26", "2026-10-31", "MonthlyCoMh")]
    [InlineData("ITR6", "FY2024-25", "2025-11-30", "MonthlyCoMhTp")]
    [InlineData("ITR6", "FY2025-26", "2026-11-30", "MonthlyCoMhTp")]
    [InlineData("ITR5_LLP", "FY2024-25", "2025-10-31", "QrmpLlpKa")]
    [InlineData("ITR5_LLP", "FY2025-26", "2026-10-31", "QrmpLlpKa")]
    // Tax audit: 30 Sep (31 Oct in transfer-pricing cases); Form 3CEB: 31 Oct.
    [InlineData("TAX_AUDIT", "FY2024-25", "2025-09-30", "MonthlyCoMh")]
    [InlineData("TAX_AUDIT", "FY2025-26", "2026-09-30", "MonthlyCoMh")]
    [InlineData("TAX_AUDIT", "FY2024-25", "2025-10-31", "MonthlyCoMhTp")]
    [InlineData("TP_3CEB", "FY2024-25", "2025-10-31", "MonthlyCoMhTp")]
    [InlineData("TP_3CEB", "FY2025-26", "2026-10-31", "MonthlyCoMhTp")]
    // EPF and ESI: 15th of the following month.
    [InlineData("EPF_ECR", "2024-04", "2024-05-15", "MonthlyCoMh")]
    [InlineData("EPF_ECR", "2025-03", "2025-04-15", "MonthlyCoMh")]
    [InlineData("EPF_ECR", "2026-03", "2026-04-15", "QrmpCoWb")]
    [InlineData("ESI", "2024-04", "2024-05-15", "MonthlyCoMh")]
    [InlineData("ESI", "2025-03", "2025-04-15", "MonthlyCoMh")]
    [InlineData("ESI", "2026-02", "2026-03-15", "MonthlyCoMh")]
    // Maharashtra PTRC (monthly filer): last day of the month after the salary month (April salary → 31 May).
    [InlineData("PT_MH_PTRC", "2024-04", "2024-05-31", "MonthlyCoMh")]
    [InlineData("PT_MH_PTRC", "2025-01", "2025-02-28", "MonthlyCoMh")]
    [InlineData("PT_MH_PTRC", "2025-03", "2025-04-30", "MonthlyCoMh")]
    [InlineData("PT_MH_PTRC", "2025-04", "2025-05-31", "QrmpCoMh")]
    [InlineData("PT_MH_PTRC", "2026-03", "2026-04-30", "QrmpCoMh")]
    // Maharashtra PTEC: 30 June, placed after the FY (see the master's ruleText for the label reading).
    [InlineData("PT_MH_PTEC", "FY2024-25", "2025-06-30", "MonthlyCoMh")]
    [InlineData("PT_MH_PTEC", "FY2025-26", "2026-06-30", "MonthlyCoMh")]
    // Karnataka PT: 20th of the succeeding month; Form 5: 30 May.
    [InlineData("PT_KA", "2024-04", "2024-05-20", "QrmpLlpKa")]
    [InlineData("PT_KA", "2025-03", "2025-04-20", "QrmpLlpKa")]
    [InlineData("PT_KA", "2026-02", "2026-03-20", "QrmpLlpKa")]
    [InlineData("PT_KA_FORM5", "FY2024-25", "2025-05-30", "QrmpLlpKa")]
    [InlineData("PT_KA_FORM5", "FY2025-26", "2026-05-30", "QrmpLlpKa")]
    // ROC: AGM 30 Sep; DIR-3 KYC 30 Sep (annual regime) then 30 Jun (triennial regime); DPT-3 30 Jun; MSME-1 31 Oct / 30 Apr.
    [InlineData("AGM", "FY2024-25", "2025-09-30", "MonthlyCoMh")]
    [InlineData("AGM", "FY2025-26", "2026-09-30", "QrmpCoWb")]
    [InlineData("DIR3KYC", "FY2024-25", "2025-09-30", "MonthlyCoMh")]
    [InlineData("DIR3KYC", "FY2025-26", "2026-06-30", "MonthlyCoMh")]
    [InlineData("DPT3", "FY2024-25", "2025-06-30", "MonthlyCoMh")]
    [InlineData("DPT3", "FY2025-26", "2026-06-30", "MonthlyCoMh")]
    [InlineData("MSME1", "FY2024-25-H1", "2024-10-31", "MonthlyCoMh")]
    [InlineData("MSME1", "FY2024-25-H2", "2025-04-30", "MonthlyCoMh")]
    [InlineData("MSME1", "FY2025-26-H1", "2025-10-31", "MonthlyCoMh")]
    [InlineData("MSME1", "FY2025-26-H2", "2026-04-30", "MonthlyCoMh")]
    // LLP: Form 11 30 May; Form 8 30 Oct.
    [InlineData("LLP_FORM11", "FY2024-25", "2025-05-30", "QrmpLlpKa")]
    [InlineData("LLP_FORM11", "FY2025-26", "2026-05-30", "QrmpLlpKa")]
    [InlineData("LLP_FORM8", "FY2024-25", "2025-10-30", "QrmpLlpKa")]
    [InlineData("LLP_FORM8", "FY2025-26", "2026-10-30", "QrmpLlpKa")]
    public void DueDate_MatchesTheReference(string code, string periodKey, string expected, string entity)
    {
        var entry = Entry(code);
        var period = PeriodOf(entry, periodKey);

        Assert.True(entry.Applicability.AppliesTo(Demo[entity]), $"{code} should apply to {entity}");
        Assert.True(DueDateEngine.CoversPeriod(entry.DueDateRule, period), $"{code} should have an instance for {periodKey}");
        var result = DueDateEngine.Compute(entry.DueDateRule, period, Demo[entity]);

        Assert.Null(result.Problem);
        Assert.Null(result.AwaitingEvent);
        Assert.Equal(Date(expected), result.DueDate);
    }

    [Theory]
    [InlineData("FY2024-25-I1", "2024-06-15", 15)]
    [InlineData("FY2024-25-I2", "2024-09-15", 45)]
    [InlineData("FY2024-25-I3", "2024-12-15", 75)]
    [InlineData("FY2024-25-I4", "2025-03-15", 100)]
    [InlineData("FY2025-26-I1", "2025-06-15", 15)]
    [InlineData("FY2025-26-I2", "2025-09-15", 45)]
    [InlineData("FY2025-26-I3", "2025-12-15", 75)]
    [InlineData("FY2025-26-I4", "2026-03-15", 100)]
    public void AdvanceTax_InstalmentDatesAndCumulativeShares(string periodKey, string expected, int cumulativePercent)
    {
        foreach (var entity in new[] { "MonthlyCoMh", "QrmpLlpKa", "SmallCoDelhiNoGst" })
        {
            Assert.True(Entry("ADV_TAX").Applicability.AppliesTo(Demo[entity]), $"ADV_TAX should apply to {entity}");
            var result = Compute("ADV_TAX", periodKey, entity);

            Assert.Null(result.Problem);
            Assert.Equal(Date(expected), result.DueDate);
            Assert.Equal(cumulativePercent, result.CumulativePercent);
        }
    }

    // ---------------------------------------------------------------- forms due after the AGM (event day excluded)

    [Theory]
    [InlineData("AOC4", "FY2024-25", "2025-09-30", "2025-10-30")]
    [InlineData("AOC4", "FY2025-26", "2026-09-30", "2026-10-30")]
    [InlineData("AOC4", "FY2024-25", "2025-08-28", "2025-09-27")]
    [InlineData("MGT7", "FY2024-25", "2025-09-30", "2025-11-29")]
    [InlineData("MGT7", "FY2025-26", "2026-09-30", "2026-11-29")]
    [InlineData("MGT7", "FY2024-25", "2025-08-28", "2025-10-27")]
    [InlineData("ADT1", "FY2024-25", "2025-09-30", "2025-10-15")]
    [InlineData("ADT1", "FY2025-26", "2026-09-30", "2026-10-15")]
    [InlineData("ADT1", "FY2024-25", "2025-08-28", "2025-09-12")]
    public void AgmRelativeForms_CountFromTheDayAfterTheAgm(string code, string periodKey, string agm, string expected)
    {
        Assert.True(Entry(code).Applicability.AppliesTo(Demo["MonthlyCoMh"]));
        var result = Compute(code, periodKey, "MonthlyCoMh", agm);

        Assert.Null(result.Problem);
        Assert.Null(result.AwaitingEvent);
        Assert.Equal(Date(expected), result.DueDate);
    }

    [Theory]
    [InlineData("AOC4", "2025-10-30")]
    [InlineData("MGT7", "2025-11-29")]
    [InlineData("ADT1", "2025-10-15")]
    public void AgmRelativeForms_WithoutAnAgmDate_AwaitTheAgmAndArePlannedAfter30September(string code, string plannedAnchor)
    {
        var result = Compute(code, "FY2024-25", "MonthlyCoMh");

        Assert.Null(result.DueDate);
        Assert.Equal("agm", result.AwaitingEvent);
        Assert.Null(result.Problem);
        Assert.Equal(Date(plannedAnchor), result.Anchor);
    }

    [Fact]
    public void AgmRelativeForms_DependOnTheAgm_AndTheirRuleTextStatesTheDayCounting()
    {
        foreach (var entry in CatalogLoader.Load().Where(e => e.DueDateRule.Variants.Any(v => v.Due is EventRelative)))
        {
            Assert.Equal(ComplianceFrequency.EventBased, entry.Frequency);
            Assert.Contains("AGM", entry.DependsOn);
            Assert.Contains("excludes the AGM day", entry.RuleText, StringComparison.Ordinal);
        }

        Assert.Contains("30 October", Entry("AOC4").RuleText, StringComparison.Ordinal);
        Assert.Contains("MGT-7A", Entry("MGT7").RuleText, StringComparison.Ordinal);
        Assert.Contains("9 months", Entry("AGM").RuleText, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- historic variants and scheme start dates

    [Theory]
    [InlineData("TDS_24Q", "FY2015-16-Q1", "2015-07-15")]
    [InlineData("TDS_26Q", "FY2015-16-Q3", "2016-01-15")]
    [InlineData("TDS_24Q", "FY2016-17-Q1", "2016-07-31")]
    [InlineData("TDS_26Q", "FY2016-17-Q4", "2017-05-31")]
    [InlineData("FORM16", "FY2016-17", "2017-05-31")]
    [InlineData("FORM16", "FY2017-18", "2018-05-31")]
    [InlineData("FORM16", "FY2018-19", "2019-06-15")]
    [InlineData("GSTR1", "2018-09", "2018-10-10")]
    [InlineData("GSTR1", "2018-10", "2018-11-11")]
    [InlineData("ESI", "2017-05", "2017-06-21")]
    [InlineData("ESI", "2017-06", "2017-07-15")]
    [InlineData("ITR6", "FY2018-19", "2019-09-30")]
    [InlineData("ITR6", "FY2019-20", "2020-10-31")]
    [InlineData("TP_3CEB", "FY2018-19", "2019-11-30")]
    [InlineData("TP_3CEB", "FY2019-20", "2020-10-31")]
    [InlineData("DIR3KYC", "FY2023-24", "2024-09-30")]
    public void HistoricVariants_GiveTheOldDates(string code, string periodKey, string expected)
    {
        var entity = code == "TP_3CEB" ? "MonthlyCoMhTp" : "MonthlyCoMh";
        var result = Compute(code, periodKey, entity);

        Assert.Null(result.Problem);
        Assert.Equal(Date(expected), result.DueDate);
    }

    [Theory]
    [InlineData("GSTR1_QRMP", "FY2020-21-Q3", "FY2020-21-Q4", "2021-04-13")]
    [InlineData("GSTR3B_QRMP", "FY2020-21-Q3", "FY2020-21-Q4", "2021-04-22")]
    [InlineData("GST_PMT06", "2020-11", "2021-01", "2021-02-25")]
    public void QrmpMasters_StartWithTheJanuary2021Quarter(string code, string before, string first, string firstDue)
    {
        var notYet = Compute(code, before, "QrmpLlpKa");
        var started = Compute(code, first, "QrmpLlpKa");

        Assert.Null(notYet.DueDate);
        Assert.NotNull(notYet.Problem);
        Assert.Null(started.Problem);
        Assert.Equal(Date(firstDue), started.DueDate);
    }

    // ---------------------------------------------------------------- rule shape

    [Fact]
    public void Pmt06_HasInstancesOnlyInMonthsOneAndTwoOfEachQuarter()
    {
        var rule = Entry("GST_PMT06").DueDateRule;
        foreach (var fy in new[] { 2024, 2025 })
        {
            var covered = Period.InFinancialYear(ComplianceFrequency.Monthly, fy)
                .Where(p => DueDateEngine.CoversPeriod(rule, p))
                .Select(p => p.Start.Month)
                .ToArray();

            Assert.Equal([4, 5, 7, 8, 10, 11, 1, 2], covered);
        }
    }

    [Fact]
    public void Gstr3bQrmp_PutsEveryStateInExactlyOneGroup_WithAndamanInThe22nd()
    {
        var due = Assert.IsType<StateDay>(Assert.Single(Entry("GSTR3B_QRMP").DueDateRule.Variants).Due);
        Assert.Equal(1, due.MonthsAfter);
        var day22 = Assert.Single(due.Groups, g => g.Day == 22).States;
        var day24 = Assert.Single(due.Groups, g => g.Day == 24).States;

        Assert.Contains("35", day22);
        Assert.Contains("27", day22);
        Assert.Contains("29", day22);
        Assert.Contains("37", day22);
        Assert.Contains("19", day24);
        Assert.Contains("07", day24);
        Assert.Contains("38", day24);
        var grouped = day22.Concat(day24).ToList();
        Assert.Equal(grouped.Count, grouped.Distinct().Count());
        var ungrouped = IndianStates.All.Keys.Except(grouped).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["28", "97", "99"], ungrouped);
    }

    [Fact]
    public void Gstr3bQrmp_ForAStateInNoGroup_ReportsTheProblemInsteadOfADate()
    {
        var entry = Entry("GSTR3B_QRMP");
        var oldAndhra = Demo["QrmpLlpKa"] with { StateCode = "28", GstStateCode = "28" };

        var result = DueDateEngine.Compute(entry.DueDateRule, PeriodOf(entry, "FY2024-25-Q4"), oldAndhra);

        Assert.Null(result.DueDate);
        Assert.Contains("28", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMaster_GivesADateOnOrAfterPeriodEnd_ForEveryPeriodOfBothYears_ForEveryApplicableDemoEntity()
    {
        foreach (var entry in CatalogLoader.Load())
        {
            var applicable = Demo.Where(d => entry.Applicability.AppliesTo(d.Value)).ToList();
            Assert.True(applicable.Count > 0, $"{entry.Code} applies to none of the demo entities");
            foreach (var (name, facts) in applicable)
            {
                foreach (var period in new[] { 2024, 2025 }.SelectMany(fy => Period.InFinancialYear(entry.Frequency, fy)))
                {
                    if (!DueDateEngine.CoversPeriod(entry.DueDateRule, period))
                    {
                        continue;
                    }

                    var result = DueDateEngine.Compute(entry.DueDateRule, period, facts);
                    Assert.True(result.Problem is null, $"{entry.Code} {period.Key} for {name}: {result.Problem}");
                    var date = result.DateOrAnchor;
                    Assert.True(date is not null, $"{entry.Code} {period.Key} for {name} has neither a date nor an anchor");
                    Assert.True(date >= period.End, $"{entry.Code} {period.Key} for {name}: {date} is before the period ends ({period.End})");
                    Assert.True(date <= period.End.PlusMonths(9), $"{entry.Code} {period.Key} for {name}: {date} is more than 9 months after the period");
                }
            }
        }
    }

    // ---------------------------------------------------------------- catalog structure

    [Fact]
    public void Catalog_LoadsAndValidates_WithTheExpectedUniqueCodes()
    {
        var entries = CatalogLoader.Load();

        Assert.True(entries.Count >= 24, $"only {entries.Count} masters");
        var codes = entries.Select(e => e.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ExpectedCodes.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Catalog_EveryMasterIsFullyDescribed()
    {
        var kebab = new Regex("^[a-z0-9]+(-[a-z0-9]+)*$");
        foreach (var e in CatalogLoader.Load())
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Name), $"{e.Code}.name");
            Assert.False(string.IsNullOrWhiteSpace(e.Authority), $"{e.Code}.authority");
            Assert.False(string.IsNullOrWhiteSpace(e.RuleText), $"{e.Code}.ruleText");
            Assert.False(string.IsNullOrWhiteSpace(e.Penalty), $"{e.Code}.penalty");
            Assert.False(string.IsNullOrWhiteSpace(e.LegalBasis), $"{e.Code}.legalBasis");
            Assert.NotEmpty(e.WorkflowSteps);
            Assert.NotEmpty(e.EvidenceKinds);
            Assert.All(e.EvidenceKinds, k => Assert.Matches(kebab, k));
            Assert.NotEmpty(e.Sources);
            Assert.All(e.Sources, s => Assert.True(Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme is "http" or "https", $"{e.Code}: '{s}' is not a URL"));
            Assert.NotEmpty(e.DueDateRule.Variants);
        }
    }

    [Fact]
    public void Catalog_EveryMasterBelowHighConfidence_SaysWhy()
    {
        var entries = CatalogLoader.Load();
        foreach (var e in entries.Where(e => e.Confidence != RuleConfidence.High))
        {
            Assert.False(string.IsNullOrWhiteSpace(e.ConfidenceNote), $"{e.Code} is {e.Confidence} without a confidenceNote");
        }

        var medium = entries.Where(e => e.Confidence == RuleConfidence.Medium).Select(e => e.Code).Order(StringComparer.Ordinal);
        Assert.Equal(["ADT1", "DIR3KYC", "ITR5_LLP", "PT_KA_FORM5", "PT_MH_PTEC", "PT_MH_PTRC"], medium);
    }

    [Fact]
    public void Catalog_DependenciesShareThePeriodKeyOfTheDependentMaster()
    {
        var entries = CatalogLoader.Load().ToDictionary(e => e.Code);
        var withDependencies = entries.Values.Where(e => e.DependsOn.Count > 0).ToList();
        Assert.NotEmpty(withDependencies);
        foreach (var entry in withDependencies)
        {
            var period = Period.InFinancialYear(entry.Frequency, 2025).First(p => DueDateEngine.CoversPeriod(entry.DueDateRule, p));
            foreach (var dependency in entry.DependsOn)
            {
                Assert.NotNull(Period.TryParse(period.Key, entries[dependency].Frequency));
            }
        }

        Assert.Equal(["GSTR1"], entries["GSTR3B"].DependsOn);
        Assert.Equal(["GSTR1_QRMP"], entries["GSTR3B_QRMP"].DependsOn);
        Assert.Equal(["GSTR9"], entries["GSTR9C"].DependsOn);
        Assert.Equal(["TAX_AUDIT"], entries["ITR6"].DependsOn);
    }

    [Fact]
    public void Catalog_UnconditionalVariantsNeverOverlap_SoNoneIsDead()
    {
        foreach (var e in CatalogLoader.Load())
        {
            var dated = e.DueDateRule.Variants.Where(v => v.When is null).ToList();
            for (var i = 0; i < dated.Count; i++)
            {
                for (var j = i + 1; j < dated.Count; j++)
                {
                    var a = dated[i];
                    var b = dated[j];
                    var overlap = (a.EffectiveFrom is null || b.EffectiveTo is null || a.EffectiveFrom <= b.EffectiveTo)
                        && (b.EffectiveFrom is null || a.EffectiveTo is null || b.EffectiveFrom <= a.EffectiveTo);
                    Assert.False(overlap, $"{e.Code}: variants {i} and {j} overlap, so the later one is dead");
                }
            }
        }
    }

    // ---------------------------------------------------------------- applicability to the demo entities

    [Theory]
    [InlineData("GSTR1", "MonthlyCoMh", true)]
    [InlineData("GSTR1", "QrmpCoWb", false)]
    [InlineData("GSTR1", "SmallCoDelhiNoGst", false)]
    [InlineData("GSTR3B", "MonthlyCoMh", true)]
    [InlineData("GSTR3B", "QrmpLlpKa", false)]
    [InlineData("GSTR1_QRMP", "QrmpLlpKa", true)]
    [InlineData("GSTR1_QRMP", "MonthlyCoMh", false)]
    [InlineData("GSTR3B_QRMP", "QrmpCoWb", true)]
    [InlineData("GSTR3B_QRMP", "MonthlyCoMh", false)]
    [InlineData("GST_PMT06", "QrmpCoMh", true)]
    [InlineData("GST_PMT06", "MonthlyCoMh", false)]
    [InlineData("GSTR9", "MonthlyCoMh", true)]
    [InlineData("GSTR9", "QrmpCoMh", false)]
    [InlineData("GSTR9", "SmallCoDelhiNoGst", false)]
    [InlineData("GSTR9C", "MonthlyCoMh", true)]
    [InlineData("GSTR9C", "QrmpCoWb", false)]
    [InlineData("TDS_PAY", "MonthlyCoMh", true)]
    [InlineData("TDS_PAY", "SmallCoDelhiNoGst", false)]
    [InlineData("TDS_24Q", "QrmpLlpKa", true)]
    [InlineData("TDS_24Q", "QrmpCoAn", false)]
    [InlineData("FORM16", "MonthlyCoMh", true)]
    [InlineData("FORM16A", "SmallCoDelhiNoGst", false)]
    [InlineData("ITR6", "MonthlyCoMh", true)]
    [InlineData("ITR6", "QrmpLlpKa", false)]
    [InlineData("ITR5_LLP", "QrmpLlpKa", true)]
    [InlineData("ITR5_LLP", "MonthlyCoMh", false)]
    [InlineData("TAX_AUDIT", "MonthlyCoMh", true)]
    [InlineData("TAX_AUDIT", "QrmpCoMh", false)]
    [InlineData("TP_3CEB", "MonthlyCoMhTp", true)]
    [InlineData("TP_3CEB", "MonthlyCoMh", false)]
    [InlineData("EPF_ECR", "QrmpCoWb", true)]
    [InlineData("EPF_ECR", "QrmpLlpKa", false)]
    [InlineData("ESI", "MonthlyCoMh", true)]
    [InlineData("ESI", "QrmpCoWb", false)]
    [InlineData("PT_MH_PTRC", "MonthlyCoMh", true)]
    [InlineData("PT_MH_PTRC", "QrmpLlpKa", false)]
    [InlineData("PT_MH_PTEC", "QrmpCoMh", true)]
    [InlineData("PT_MH_PTEC", "QrmpCoWb", false)]
    [InlineData("PT_KA", "QrmpLlpKa", true)]
    [InlineData("PT_KA", "MonthlyCoMh", false)]
    [InlineData("PT_KA", "QrmpCoWb", false)]
    [InlineData("PT_KA_FORM5", "QrmpLlpKa", true)]
    [InlineData("PT_KA_FORM5", "SmallCoDelhiNoGst", false)]
    [InlineData("AGM", "SmallCoDelhiNoGst", true)]
    [InlineData("AGM", "QrmpLlpKa", false)]
    [InlineData("AOC4", "QrmpCoWb", true)]
    [InlineData("AOC4", "QrmpLlpKa", false)]
    [InlineData("MGT7", "MonthlyCoMh", true)]
    [InlineData("MGT7", "QrmpLlpKa", false)]
    [InlineData("ADT1", "QrmpCoAn", true)]
    [InlineData("ADT1", "QrmpLlpKa", false)]
    [InlineData("DIR3KYC", "SmallCoDelhiNoGst", true)]
    [InlineData("DIR3KYC", "QrmpLlpKa", false)]
    [InlineData("DPT3", "MonthlyCoMh", true)]
    [InlineData("DPT3", "QrmpCoWb", false)]
    [InlineData("MSME1", "MonthlyCoMh", true)]
    [InlineData("MSME1", "QrmpCoMh", false)]
    [InlineData("LLP_FORM11", "QrmpLlpKa", true)]
    [InlineData("LLP_FORM11", "MonthlyCoMh", false)]
    [InlineData("LLP_FORM8", "QrmpLlpKa", true)]
    [InlineData("LLP_FORM8", "SmallCoDelhiNoGst", false)]
    public void Applicability_SelectsTheExpectedDemoEntities(string code, string entity, bool applies)
    {
        Assert.Equal(applies, Entry(code).Applicability.AppliesTo(Demo[entity]));
    }

    [Fact]
    public void Applicability_PicksExactlyOneGstr3bForEveryGstEntity_AndNoneWithoutGst()
    {
        var gstr3b = Entry("GSTR3B");
        var quarterly = Entry("GSTR3B_QRMP");
        foreach (var (name, facts) in Demo)
        {
            var count = new[] { gstr3b, quarterly }.Count(e => e.Applicability.AppliesTo(facts));
            Assert.Equal((name, facts.HasGst ? 1 : 0), (name, count));
        }
    }
}
