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
/// An outbox row for a reminder, escalation, approval request or digest. Unique per (instance, stage, recipient,
/// cycle), a missing instance (digests) counting as one value: the cycle is the approval cycle (<c>approval:2</c>),
/// the due date in force (<c>due:2025-04-20</c>) or the digest's day or week, so nothing is sent twice, yet a
/// resubmission or a moved due date is sent again. The dispatcher claims a row for a short lease, sends it with no
/// transaction open, then records the outcome; a host that dies in between leaves the lease to run out and the row
/// to be sent again (at least once, never lost).
/// </summary>
public sealed class Notification : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The obligation it is about; null for a digest or weekly calendar, which is about many.</summary>
    public Guid? InstanceId { get; set; }

    /// <summary>E.g. <c>T-3</c>, <c>due</c>, <c>+3</c>, <c>approval-request</c>, <c>digest</c>, <c>week</c>.</summary>
    public required string Stage { get; set; }

    public Guid RecipientUserId { get; set; }

    public required string Cycle { get; set; }

    /// <summary>The channel it goes to next: the recipient's preferred one, then the others when that one cannot reach them.</summary>
    public Channel Channel { get; set; }

    /// <summary>Channels given up on for this row (unreachable, or failing <see cref="MaxAttemptsPerChannel"/> times).</summary>
    public List<string> FailedChannels { get; set; } = [];

    /// <summary>Attempts on <see cref="Channel"/> since it became the channel; <see cref="Attempts"/> counts them all.</summary>
    public int ChannelAttempts { get; set; }

    /// <summary>Not to be sent before this moment: a snooze, or the back-off after a failed attempt.</summary>
    public Instant? NotBefore { get; set; }

    /// <summary>A dispatcher holds the row until then; after that another may take it over.</summary>
    public Instant? ClaimedUntil { get; set; }

    public NotificationStatus Status { get; set; } = NotificationStatus.Pending;

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? SentAt { get; set; }

    /// <summary>Where the message went (Teams service URL), so a later decision can update that card in place.</summary>
    public string? DeliveredServiceUrl { get; set; }

    public string? DeliveredConversationId { get; set; }

    public string? DeliveredActivityId { get; set; }

    public const int MaxAttemptsPerChannel = 4;

    public static Channel ChannelFor(People.PreferredChannel preferred) => preferred switch
    {
        People.PreferredChannel.Slack => Channel.Slack,
        People.PreferredChannel.Email => Channel.Email,
        _ => Channel.Teams,
    };
}
