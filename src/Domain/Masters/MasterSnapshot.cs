namespace ComplianceOs.Domain.Masters;

/// <summary>What the audit trail records of a compliance master.</summary>
internal static class MasterSnapshot
{
    public static object Of(ComplianceMaster m) => new
    {
        m.Id,
        m.TenantId,
        m.OverridesMasterId,
        m.Code,
        m.Name,
        m.Category,
        m.Authority,
        m.Frequency,
        m.RuleText,
        DueDateRule = System.Text.Json.JsonDocument.Parse(m.DueDateRule).RootElement.Clone(),
        Applicability = System.Text.Json.JsonDocument.Parse(m.Applicability).RootElement.Clone(),
        m.DependsOn,
        m.WorkflowSteps,
        m.EvidenceKinds,
        m.DefaultOwnerRole,
        m.DefaultApproverRole,
        m.Checklist,
        m.PenaltyText,
        LateFeeRule = m.LateFeeRule is null ? (object?)null : System.Text.Json.JsonDocument.Parse(m.LateFeeRule).RootElement.Clone(),
        m.LegalBasis,
        m.Sources,
        m.Confidence,
        m.ConfidenceNote,
        m.IsActive,
    };
}
