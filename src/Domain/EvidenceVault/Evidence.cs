using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.EvidenceVault;

public enum EvidenceApprovalStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// Metadata of one version of a proof file in a slot (instance, evidence kind). Once <see cref="IsImmutable"/>
/// is set the database refuses any change or deletion of the row.
/// </summary>
public sealed class Evidence : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>E.g. <c>challan</c>, <c>acknowledgement</c>, <c>return</c>; with the instance it names the slot.</summary>
    public required string EvidenceKind { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the stored bytes.</summary>
    public required string Sha256 { get; set; }

    public required string StorageKey { get; set; }

    public int Version { get; set; } = 1;

    public Guid? ParentEvidenceId { get; set; }

    public EvidenceApprovalStatus ApprovalStatus { get; set; } = EvidenceApprovalStatus.Pending;

    public bool IsImmutable { get; set; }

    public Guid UploadedByUserId { get; set; }

    public Instant UploadedAt { get; set; }

    /// <summary>Where it was dropped (Teams, Slack).</summary>
    public Channel Channel { get; set; }

    /// <summary>Who approved or rejected it and when; the comment of a rejection.</summary>
    public Guid? DecidedByUserId { get; set; }

    public Instant? DecidedAt { get; set; }

    public string? DecisionComment { get; set; }

    /// <summary>Removed by its uploader before approval: kept (soft delete), no longer offered.</summary>
    public Instant? RemovedAt { get; set; }

    public Guid? RemovedByUserId { get; set; }
}
