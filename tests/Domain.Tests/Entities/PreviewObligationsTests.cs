using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Entities.PreviewObligations;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Masters.Catalog;
using ComplianceOs.Domain.Rules;

namespace ComplianceOs.Domain.Tests.Entities;

/// <summary>The preview's comparison, over the shipped catalog and the same applicability decision generation uses.</summary>
public class PreviewObligationsTests
{
    private static readonly IReadOnlyList<ActiveMaster> Catalog = [.. CatalogLoader.Load().Select(e => new ActiveMaster(
        new ComplianceMaster { Id = Guid.NewGuid(), Code = e.Code, Name = e.Name, Category = e.Category, Authority = e.Authority, Frequency = e.Frequency, DueDateRule = e.DueDateRuleJson },
        e.DueDateRule,
        e.Applicability))];

    private static readonly EntityFacts Llp = new(EntityKind.Llp, "29", "29", GstRegime.Qrmp, HasTan: true, Pf: false, Esi: false, ["29"],
        TaxAudit: false, TransferPricing: false, DepositsOrLoans: false, MsmePayables: false, TurnoverCrore: 3.5m);

    private static List<ActiveMaster> For(EntityFacts facts) => [.. GenerateInstancesHandler.ApplicableMasters(Catalog, facts)];

    [Fact]
    public void Compare_ForANewEntity_ListsWhatApplies_WithoutChanges()
    {
        var preview = PreviewObligationsHandler.Compare(null, For(Llp));

        Assert.All(preview, o => Assert.Equal(ObligationChange.Applies, o.Change));
        var codes = preview.Select(o => o.Code).ToList();
        Assert.Contains("LLP_FORM11", codes);
        Assert.Contains("GSTR3B_QRMP", codes);
        Assert.Contains("TDS_26Q", codes);
        Assert.DoesNotContain("ITR6", codes);
        Assert.DoesNotContain("GSTR9C", codes); // 3.5 crore is under the 5 crore threshold
    }

    [Fact]
    public void Compare_ForAnEdit_MarksWhatStartsAndWhatStops_AndKeepsTheRest()
    {
        var edited = Llp with { HasTan = false, Esi = true };

        var preview = PreviewObligationsHandler.Compare(For(Llp), For(edited));

        Assert.Equal(ObligationChange.Added, preview.Single(o => o.Code == "ESI").Change);
        Assert.Equal(ObligationChange.Removed, preview.Single(o => o.Code == "TDS_PAY").Change);
        Assert.Equal(ObligationChange.Applies, preview.Single(o => o.Code == "LLP_FORM8").Change);
        Assert.Equal(For(Llp).Count + 1 - 5, preview.Count(o => o.Change != ObligationChange.Removed)); // ESI in; five TDS obligations out
    }

    [Fact]
    public void Compare_ForARetiredEntity_ListsEverythingAsStopping()
    {
        var preview = PreviewObligationsHandler.Compare(For(Llp), []);

        Assert.Equal(For(Llp).Count, preview.Count);
        Assert.All(preview, o => Assert.Equal(ObligationChange.Removed, o.Change));
    }

    [Fact]
    public void Compare_GroupsByArea_ThenCode()
    {
        var preview = PreviewObligationsHandler.Compare(null, For(Llp));

        Assert.Equal(preview.OrderBy(o => o.Category).ThenBy(o => o.Code, StringComparer.Ordinal).Select(o => o.Code), preview.Select(o => o.Code));
    }
}
