using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Notifications;

public enum NotificationStatus
{
    Pending,
    Sent,
    Failed,

    /// <summary>Not delivered on purpose: overtaken before it went out (e.g. a request decided already) or seeded history.</summary>
    Skipped,
}

/// <summary>
/// An outbox row for a reminder, escalation or approval request. Unique per (instance, stage, recipient, cycle):
/// the cycle is the approval cycle (<c>approval:2</c>) or the due date in force (<c>due:2025-04-20</c>), so nothing
/// is sent twice, yet a resubmission or a moved due date is sent again.
/// </summary>
public sealed class Notification : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>E.g. <c>T-3</c>, <c>due</c>, <c>+3</c>, <c>approval-request</c>.</summary>
    public required string Stage { get; set; }

    public Guid RecipientUserId { get; set; }

    public required string Cycle { get; set; }

    public Channel Channel { get; set; }

    public NotificationStatus Status { get; set; } = NotificationStatus.Pending;

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? SentAt { get; set; }

    /// <summary>Where the message went (Teams service URL), so a later decision can update that card in place.</summary>
    public string? DeliveredServiceUrl { get; set; }

    public string? DeliveredConversationId { get; set; }

    public string? DeliveredActivityId { get; set; }
}
