using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Entities;

public enum EntityKind
{
    PrivateLimited,
    PublicLimited,
    Llp,
    Partnership,
    Proprietorship,
}

/// <summary>A company, LLP or firm of a tenant; obligations apply to it according to its identifiers and flags.</summary>
public sealed class LegalEntity : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public EntityKind Kind { get; set; }

    /// <summary>Two-digit GST state code of the registered office (e.g. 27 Maharashtra).</summary>
    public required string StateCode { get; set; }

    public required string Pan { get; set; }

    /// <summary>Corporate identity number (companies).</summary>
    public string? Cin { get; set; }

    /// <summary>LLP identification number (LLPs).</summary>
    public string? Llpin { get; set; }

    public string? Tan { get; set; }

    public List<GstRegistration> GstRegistrations { get; set; } = [];

    public bool PfApplicable { get; set; }

    public bool EsiApplicable { get; set; }

    /// <summary>Two-digit state codes where professional tax is registered.</summary>
    public List<string> ProfessionalTaxStates { get; set; } = [];

    public bool TaxAuditApplicable { get; set; }

    public bool TransferPricingApplicable { get; set; }

    public bool HasDepositsOrOutstandingLoans { get; set; }

    public bool HasMsmePayables { get; set; }

    /// <summary>Aggregate annual turnover in crore rupees, when known (GSTR-9/9C thresholds); unknown counts as above any threshold.</summary>
    public decimal? AnnualTurnoverCrore { get; set; }

    /// <summary>Month (1–12) in which the financial year ends, on its last day; 3 (31 March) for Indian entities.</summary>
    public int FinancialYearEndMonth { get; set; } = 3;

    public List<AgmRecord> AgmRecords { get; set; } = [];

    public Guid? EscalationContactUserId { get; set; }

    public Guid? DirectorUserId { get; set; }

    public bool IsActive { get; set; } = true;

    public Instant CreatedAt { get; set; }
}
