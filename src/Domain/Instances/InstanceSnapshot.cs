namespace ComplianceOs.Domain.Instances;

/// <summary>What the audit trail records of an instance's state.</summary>
internal static class InstanceSnapshot
{
    public static object Of(ComplianceInstance i) => new
    {
        i.Id,
        i.EntityId,
        i.MasterId,
        i.PeriodKey,
        i.StatutoryDueDate,
        i.ExtendedDueDate,
        i.ExtensionReference,
        i.Status,
        i.ManualBlockReason,
        i.OwnerUserId,
        i.ApproverUserId,
        i.FilingReference,
        i.FiledAt,
        i.Version,
    };
}
