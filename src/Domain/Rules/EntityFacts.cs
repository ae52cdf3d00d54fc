using ComplianceOs.Domain.Entities;

namespace ComplianceOs.Domain.Rules;

/// <summary>What the rules may know about an entity: its kind, state, principal GST registration and flags.</summary>
public sealed record EntityFacts(
    EntityKind Kind,
    string StateCode,
    string? GstStateCode,
    GstRegime? GstRegime,
    bool HasTan,
    bool Pf,
    bool Esi,
    IReadOnlyCollection<string> ProfessionalTaxStates,
    bool TaxAudit,
    bool TransferPricing,
    bool DepositsOrLoans,
    bool MsmePayables,
    decimal? TurnoverCrore)
{
    public bool HasGst => GstRegime is not null;

    /// <summary>The state that decides state-dependent dates: the principal GSTIN's, else the registered office's.</summary>
    public string DateStateCode => GstStateCode ?? StateCode;

    /// <summary>Facts of an entity; its first GSTIN (by GSTIN order) is taken as the principal place of business.</summary>
    public static EntityFacts Of(LegalEntity e)
    {
        var principal = e.GstRegistrations.OrderBy(g => g.Gstin, StringComparer.Ordinal).FirstOrDefault();
        return new EntityFacts(
            e.Kind,
            e.StateCode,
            principal?.StateCode,
            principal?.Regime,
            !string.IsNullOrEmpty(e.Tan),
            e.PfApplicable,
            e.EsiApplicable,
            e.ProfessionalTaxStates,
            e.TaxAuditApplicable,
            e.TransferPricingApplicable,
            e.HasDepositsOrOutstandingLoans,
            e.HasMsmePayables,
            e.AnnualTurnoverCrore);
    }
}
