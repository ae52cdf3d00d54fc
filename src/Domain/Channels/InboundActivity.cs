using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Channels;

/// <summary>
/// A delivery already handled: (channel, conversation id, activity id) is the primary key, so a redelivery of the
/// same activity is recognised by the database, not by a check-then-insert.
/// </summary>
public sealed class InboundActivity : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Channel Channel { get; set; }

    public required string ConversationId { get; set; }

    public required string ActivityId { get; set; }

    public Instant ReceivedAt { get; set; }
}
