using ComplianceOs.Domain.Rules;

namespace ComplianceOs.Domain.Masters.Catalog;

/// <summary>One obligation of the shipped global catalog, parsed and validated.</summary>
public sealed record CatalogEntry(
    string Code,
    string Name,
    ComplianceCategory Category,
    string Authority,
    ComplianceFrequency Frequency,
    string RuleText,
    string DueDateRuleJson,
    DueDateRule DueDateRule,
    string ApplicabilityJson,
    Applicability Applicability,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> WorkflowSteps,
    string DefaultOwnerRole,
    string DefaultApproverRole,
    IReadOnlyList<string> EvidenceKinds,
    IReadOnlyList<string> Checklist,
    string Penalty,
    string? LateFeeJson,
    Masters.LateFees.LateFeeRule? LateFee,
    string LegalBasis,
    IReadOnlyList<string> Sources,
    RuleConfidence Confidence,
    string? ConfidenceNote);
