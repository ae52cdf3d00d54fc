using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Instances;

public enum WorkflowTaskStatus
{
    Pending,
    Done,
    Skipped,
}

/// <summary>One step of an instance's workflow (from the master's workflow steps); keyed by (tenant, instance, step).</summary>
public sealed class WorkflowTask : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    public int StepNumber { get; set; }

    public required string Name { get; set; }

    public WorkflowTaskStatus Status { get; set; } = WorkflowTaskStatus.Pending;

    public Guid? AssigneeUserId { get; set; }

    public Guid? CompletedByUserId { get; set; }

    public Instant? CompletedAt { get; set; }
}
