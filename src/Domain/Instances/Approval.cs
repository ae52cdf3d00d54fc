using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Instances;

public enum ApprovalDecision
{
    Approved,
    Rejected,
}

/// <summary>
/// One approval cycle of an instance. The database refuses a decision by the requester (maker-checker)
/// and a second approval for the same cycle.
/// </summary>
public sealed class Approval : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>1 for the first submission; each resubmission after a rejection starts the next cycle.</summary>
    public int Cycle { get; set; }

    public Guid RequestedByUserId { get; set; }

    public Instant RequestedAt { get; set; }

    public Guid? DecidedByUserId { get; set; }

    public ApprovalDecision? Decision { get; set; }

    public string? Comment { get; set; }

    public Instant? DecidedAt { get; set; }
}
