using NodaTime;

namespace ComplianceOs.Domain.Masters;

public enum ComplianceCategory
{
    Gst,
    Tds,
    Tcs,
    IncomeTax,
    Pf,
    Esi,
    ProfessionalTax,
    Roc,
    Llp,
    Other,
}

public enum ComplianceFrequency
{
    Monthly,
    Quarterly,
    HalfYearly,
    Annual,

    /// <summary>Once per financial year, due relative to an event (e.g. the AGM) rather than a calendar date.</summary>
    EventBased,
    OneOff,

    /// <summary>Advance-tax style: several instalments within the financial year.</summary>
    Instalments,
}

/// <summary>How sure we are of a rule: High when read from the statute or portal, Low when from secondary sources.</summary>
public enum RuleConfidence
{
    High,
    Medium,
    Low,
}

/// <summary>
/// An obligation in the catalog. <see cref="TenantId"/> null = the global catalog (read-only to tenants);
/// otherwise a tenant's custom master, or an override of the global master in <see cref="OverridesMasterId"/>.
/// </summary>
public sealed class ComplianceMaster
{
    public Guid Id { get; set; }

    public Guid? TenantId { get; set; }

    public Guid? OverridesMasterId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public ComplianceCategory Category { get; set; }

    public required string Authority { get; set; }

    public ComplianceFrequency Frequency { get; set; }

    /// <summary>The rule in words, as the assistant and the cards state it.</summary>
    public string RuleText { get; set; } = string.Empty;

    /// <summary>The due-date rule as JSON (stored as jsonb); its language is defined by the rule engine.</summary>
    public required string DueDateRule { get; set; }

    /// <summary>Conditions on the entity under which the obligation applies (JSON).</summary>
    public string Applicability { get; set; } = "{}";

    /// <summary>Codes of masters that must be done first (e.g. GSTR-3B after GSTR-1).</summary>
    public List<string> DependsOn { get; set; } = [];

    public List<string> WorkflowSteps { get; set; } = [];

    public string DefaultOwnerRole { get; set; } = "Owner";

    public string DefaultApproverRole { get; set; } = "Approver";

    public List<string> EvidenceKinds { get; set; } = [];

    /// <summary>What the approver checks before approving; shown on the approval card.</summary>
    public List<string> Checklist { get; set; } = [];

    public string? PenaltyText { get; set; }

    /// <summary>The late fee that accrues by itself, as JSON (jsonb; <see cref="LateFees.LateFeeRuleParser"/>); null when lateness costs interest or a penalty on amounts we do not hold.</summary>
    public string? LateFeeRule { get; set; }

    public string? LegalBasis { get; set; }

    public List<string> Sources { get; set; } = [];

    public RuleConfidence Confidence { get; set; }

    /// <summary>Why the rule is not High confidence; shown beside its dates.</summary>
    public string? ConfidenceNote { get; set; }

    public bool IsActive { get; set; } = true;

    public Instant CreatedAt { get; set; }
}
