using System.Net;
using System.Text.Json;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Cards.AdaptiveCards;
using ComplianceOs.BotHost.Teams.Connector;
using ComplianceOs.BotHost.Teams.Protocol;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;

namespace ComplianceOs.BotHost.Teams.Proactive;

/// <summary>Where a proactive message landed, so it can be updated in place later.</summary>
public sealed record Delivery(ProactiveOutcome Outcome, string? ServiceUrl = null, string? ConversationId = null, string? ActivityId = null);

public enum ProactiveOutcome
{
    Sent,

    /// <summary>The bot has never seen the user in Teams (no install or message yet).</summary>
    NoConversation,

    /// <summary>Teams refused: the app is not installed for the user or they blocked it; recorded on the reference.</summary>
    NotInstalled,

    Failed,
}

/// <summary>
/// Sends a card to a user without a prompt (reminders, approval requests), using the stored personal conversation.
/// When that conversation is gone (404) it creates the 1:1 conversation again and remembers it; a 403/404 that
/// remains (the app not installed, or blocked) is recorded on the reference so admins see it, and the caller can
/// try the user's other channel.
/// </summary>
public sealed partial class TeamsProactiveSender(RecordConversation conversations, ConnectorClient connector, AdaptiveCardRenderer renderer, ILogger<TeamsProactiveSender> logger)
{
    public async Task<ProactiveOutcome> SendAsync(Guid tenantId, Guid userId, Card card, CancellationToken ct = default) =>
        (await DeliverAsync(tenantId, userId, card, ct)).Outcome;

    /// <summary>As <see cref="SendAsync"/>, returning where the message landed.</summary>
    public async Task<Delivery> DeliverAsync(Guid tenantId, Guid userId, Card card, CancellationToken ct = default)
    {
        var reference = await conversations.FindAsync(tenantId, userId, Channel.Teams, ct);
        if (reference is null)
        {
            return new Delivery(ProactiveOutcome.NoConversation);
        }

        var activity = CardActivity(reference, card);
        var conversation = reference.ConversationId;
        var result = await connector.SendToConversationAsync(reference.ServiceUrl, conversation, activity, ct);
        if (result.Status == HttpStatusCode.NotFound)
        {
            var created = await connector.CreateConversationAsync(reference.ServiceUrl, reference.BotId, reference.ChannelUserId, reference.ChannelTenantId, ct);
            if (created is { Succeeded: true, Id: { } conversationId })
            {
                await conversations.MoveAsync(tenantId, userId, Channel.Teams, conversationId, ct);
                conversation = conversationId;
                result = await connector.SendToConversationAsync(reference.ServiceUrl, conversationId, activity, ct);
            }
            else
            {
                result = created;
            }
        }

        if (result.Succeeded)
        {
            return new Delivery(ProactiveOutcome.Sent, reference.ServiceUrl, conversation, result.Id);
        }

        var reason = $"{(int)result.Status} {result.ErrorCode}".Trim();
        await conversations.RecordFailureAsync(tenantId, userId, Channel.Teams, reason, ct);
        LogFailed(logger, userId, reason);
        return new Delivery(result.AppNotInstalled ? ProactiveOutcome.NotInstalled : ProactiveOutcome.Failed);
    }

    /// <summary>Replaces a card sent earlier (e.g. an approval request once it is decided).</summary>
    public async Task<bool> UpdateAsync(Guid tenantId, Guid userId, string serviceUrl, string conversationId, string activityId, Card card, CancellationToken ct = default)
    {
        var reference = await conversations.FindAsync(tenantId, userId, Channel.Teams, ct);
        if (reference is null)
        {
            return false;
        }

        var result = await connector.UpdateActivityAsync(serviceUrl, conversationId, activityId, CardActivity(reference, card), ct);
        return result.Succeeded;
    }

    private Activity CardActivity(ConversationReference reference, Card card) => new()
    {
        Type = "message",
        From = new ChannelAccount { Id = reference.BotId },
        Recipient = new ChannelAccount { Id = reference.ChannelUserId },
        Attachments = [new Attachment { ContentType = AdaptiveCardEnvelopes.CardContentType, Content = JsonSerializer.SerializeToElement(renderer.Render(card)) }],
    };

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Proactive Teams message to user {UserId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid userId, string reason);
}
