namespace ComplianceOs.Domain.Entities;

/// <summary>What the audit trail records of a legal entity; GSTINs in order, so it also serves as an <see cref="Common.EditStamp"/>.</summary>
internal static class LegalEntitySnapshot
{
    public static object Of(LegalEntity e) => new
    {
        e.Id,
        e.Name,
        e.Kind,
        e.StateCode,
        e.Pan,
        e.Cin,
        e.Llpin,
        e.Tan,
        Gstins = e.GstRegistrations.OrderBy(g => g.Gstin, StringComparer.Ordinal).Select(g => new { g.Gstin, g.StateCode, g.Regime }).ToList(),
        e.PfApplicable,
        e.EsiApplicable,
        e.ProfessionalTaxStates,
        e.TaxAuditApplicable,
        e.TransferPricingApplicable,
        e.HasDepositsOrOutstandingLoans,
        e.HasMsmePayables,
        e.AnnualTurnoverCrore,
        e.FinancialYearEndMonth,
        e.EscalationContactUserId,
        e.DirectorUserId,
        e.IsActive,
    };
}
