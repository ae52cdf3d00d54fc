using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Channels;

/// <summary>
/// Where to reach a user proactively in a chat channel: the personal conversation the bot last saw with them
/// (Teams: service URL, conversation id, bot and user account ids). One per user and channel; refreshed on every
/// message and install event. A delivery that fails because the app is not installed is recorded for admins.
/// </summary>
public sealed class ConversationReference : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    public Channel Channel { get; set; }

    public required string ServiceUrl { get; set; }

    public required string ConversationId { get; set; }

    public required string BotId { get; set; }

    /// <summary>The user's account id in the channel (Teams "29:…"); unique per bot.</summary>
    public required string ChannelUserId { get; set; }

    /// <summary>The channel's own tenant or workspace id (Teams tenant id).</summary>
    public required string ChannelTenantId { get; set; }

    public string? Locale { get; set; }

    public Instant UpdatedAt { get; set; }

    /// <summary>Why the last proactive delivery failed (e.g. "403 MessageWritesBlocked"), until one succeeds.</summary>
    public string? LastDeliveryFailure { get; set; }

    public Instant? LastDeliveryFailureAt { get; set; }
}
