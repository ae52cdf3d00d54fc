using NodaTime;

namespace ComplianceOs.Domain.Channels.Slack;

/// <summary>What kind of Slack delivery an inbox row holds.</summary>
public enum SlackInboxKind
{
    Event,
    Action,
    Submission,
    Command,
}

/// <summary>
/// A Slack delivery acknowledged and waiting to be handled. The key is Slack's own id (<c>event_id</c>, or the
/// interaction's <c>trigger_id</c>), so a retried or duplicated delivery inserts nothing. The inbox is written before
/// the workspace is resolved to a tenant (the acknowledgement must not wait for that), so it is a platform table: the
/// worker resolves the tenant and does everything after that under the tenant's scope. Rows are leased, not held in
/// an open transaction, while the worker talks to Slack.
/// </summary>
public sealed class SlackInboxItem
{
    public required string Id { get; set; }

    public SlackInboxKind Kind { get; set; }

    public required string TeamId { get; set; }

    /// <summary>The delivery as received (after signature verification), for the worker; deleted after a day.</summary>
    public required string Payload { get; set; }

    public Instant ReceivedAt { get; set; }

    public Instant? LeasedUntil { get; set; }

    public int Attempts { get; set; }

    public Instant? ProcessedAt { get; set; }

    public string? LastError { get; set; }
}
