using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.BotHost.Slack.Proactive;
using ComplianceOs.BotHost.Teams;
using ComplianceOs.BotHost.Teams.Proactive;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Notifications;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.BotHost.Notifications;

/// <summary>
/// Delivers the notification outbox (in process): approval requests go to the approver as the obligation's card
/// with Approve / Reject; a decision goes to the submitter and replaces every card sent for that request, wherever
/// it was shown, with the decided state. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so several hosts never
/// send one twice. Each goes to the recipient's preferred channel, or the other one when the bot cannot reach
/// them there.
/// </summary>
public sealed partial class NotificationDispatcher(
    ComplianceDbFactory dbs,
    ObligationCards status,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger)
{
    private const int Batch = 25;

    /// <returns>How many notifications were handled.</returns>
    public async Task<int> DispatchOnceAsync(CancellationToken ct = default)
    {
        List<(Guid Id, string Name)> tenants;
        await using (var platform = dbs.ForPlatform())
        {
            await using var tx = await platform.Database.BeginTransactionAsync(ct);
            tenants = (await platform.Tenants.Where(t => t.IsActive).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)).ToList();
        }

        var handled = 0;
        foreach (var (tenantId, name) in tenants)
        {
            handled += await DispatchTenantAsync(tenantId, name, ct);
        }

        return handled;
    }

    private async Task<int> DispatchTenantAsync(Guid tenantId, string tenantName, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var pending = await db.Notifications
            .FromSqlRaw("SELECT * FROM notifications WHERE status = 'Pending' ORDER BY created_at LIMIT {0} FOR UPDATE SKIP LOCKED", Batch)
            .ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }

        using var scope = scopes.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<TeamsProactiveSender>();
        var slack = scope.ServiceProvider.GetRequiredService<SlackProactiveSender>();
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        foreach (var n in pending)
        {
            n.Attempts++;
            var viewer = await ViewerAsync(db, tenantId, tenantName, n.RecipientUserId, ct);
            var reference = await db.ConversationReferences.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == n.RecipientUserId && r.Channel == Channel.Teams, ct);
            var card = viewer is null ? null : await status.ByIdAsync(viewer, n.InstanceId, reference?.ChannelUserId, ct);
            if (card is null)
            {
                Fail(n, "the recipient can no longer see this obligation");
                continue;
            }

            var cycle = CycleNumber(n.Cycle);
            var approval = await db.Approvals.AsNoTracking().Where(a => a.InstanceId == n.InstanceId && a.Cycle == cycle).SingleOrDefaultAsync(ct);
            if (n.Stage == ApprovalNotifications.DecisionStage && approval is { DecidedByUserId: { } decider })
            {
                await ReplaceRequestCardsAsync(db, sender, slack, tenantId, tenantName, n, approval, ct);
                var who = await db.Users.Where(u => u.Id == decider).Select(u => u.Name).SingleAsync(ct);
                card = Prepend(card, new StatusBadge(approval.Decision == ApprovalDecision.Approved ? StatusTone.Good : StatusTone.Attention, $"{approval.Decision} by {who}{(approval.Comment is { } c ? $": {c}" : string.Empty)}"));
            }
            else if (n.Stage == ApprovalNotifications.RequestStage && approval is { Decision: not null })
            {
                // Decided before the request went out: the approver has nothing left to do.
                n.Status = NotificationStatus.Skipped;
                n.LastError = "decided before delivery";
                continue;
            }
            else if (n.Stage == ApprovalNotifications.RequestStage && approval is not null)
            {
                var submitter = await db.Users.Where(u => u.Id == approval.RequestedByUserId).Select(u => u.Name).SingleAsync(ct);
                card = Prepend(card with { Title = $"Approval requested — {card.Title}" }, new StatusBadge(StatusTone.Warning, $"Submitted by {submitter}; please approve or reject"));
            }
            else if (ReminderBadges.For(n.Stage) is { } reminder)
            {
                // Done before the reminder went out (queued in the morning, filed by noon): nothing to remind of.
                var state = await db.ComplianceInstances.AsNoTracking().Where(i => i.Id == n.InstanceId).Select(i => i.Status).SingleAsync(ct);
                if (state is InstanceStatus.Approved or InstanceStatus.Filed)
                {
                    n.Status = NotificationStatus.Skipped;
                    n.LastError = $"{state} before delivery";
                    continue;
                }

                card = Prepend(card with { Title = $"{reminder.Title} — {card.Title}" }, reminder.Badge);
            }

            var delivery = await DeliverAsync(sender, slack, n.Channel, tenantId, n.RecipientUserId, card, ct);
            if (delivery.Outcome == ProactiveOutcome.Sent)
            {
                n.Status = NotificationStatus.Sent;
                n.SentAt = now;
                n.DeliveredServiceUrl = delivery.ServiceUrl;
                n.DeliveredConversationId = delivery.ConversationId;
                n.DeliveredActivityId = delivery.ActivityId;
                n.LastError = null;
            }
            else
            {
                Fail(n, delivery.Outcome.ToString());
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return pending.Count;
    }

    /// <summary>A decision replaces every request card of that cycle, for each approver it was sent to.</summary>
    private async Task ReplaceRequestCardsAsync(ComplianceDb db, TeamsProactiveSender sender, SlackProactiveSender slack, Guid tenantId, string tenantName, Notification decision, Approval approval, CancellationToken ct)
    {
        var requests = await db.Notifications.AsNoTracking()
            .Where(r => r.InstanceId == decision.InstanceId && r.Stage == ApprovalNotifications.RequestStage && r.Cycle == decision.Cycle && r.DeliveredActivityId != null)
            .ToListAsync(ct);
        var decider = await db.Users.Where(u => u.Id == approval.DecidedByUserId).Select(u => u.Name).SingleAsync(ct);
        foreach (var request in requests)
        {
            var viewer = await ViewerAsync(db, tenantId, tenantName, request.RecipientUserId, ct);
            var card = viewer is null ? null : await status.ByIdAsync(viewer, request.InstanceId, null, ct);
            if (card is not null)
            {
                var decided = Prepend(card, new StatusBadge(StatusTone.Neutral, $"{approval.Decision} by {decider} at {approval.DecidedAt:uuuu-MM-dd HH:mm} UTC"));
                if (request.DeliveredServiceUrl!.StartsWith(SlackProactiveSender.ServiceUrlPrefix, StringComparison.Ordinal))
                {
                    await slack.UpdateAsync(request.DeliveredServiceUrl, request.DeliveredConversationId!, request.DeliveredActivityId!, decided, ct);
                }
                else
                {
                    await sender.UpdateAsync(tenantId, request.RecipientUserId, request.DeliveredServiceUrl, request.DeliveredConversationId!, request.DeliveredActivityId!, decided, ct);
                }
            }
        }
    }

    /// <summary>
    /// The person's preferred channel first; when the bot cannot reach them there (never seen, not installed), the
    /// other one, so a request is not stuck because someone has not opened Slack or Teams yet.
    /// </summary>
    private static async Task<Delivery> DeliverAsync(TeamsProactiveSender teams, SlackProactiveSender slack, Channel preferred, Guid tenantId, Guid userId, Card card, CancellationToken ct)
    {
        Func<Task<Delivery>> first = () => teams.DeliverAsync(tenantId, userId, card, ct);
        Func<Task<Delivery>> second = () => slack.DeliverAsync(tenantId, userId, card, ct);
        if (preferred == Channel.Slack)
        {
            (first, second) = (second, first);
        }

        var delivery = await first();
        return delivery.Outcome is ProactiveOutcome.NoConversation or ProactiveOutcome.NotInstalled
            && await second() is { Outcome: ProactiveOutcome.Sent } other
            ? other
            : delivery;
    }

    private static async Task<ResolvedIdentity?> ViewerAsync(ComplianceDb db, Guid tenantId, string tenantName, Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.EntityAccess).SingleOrDefaultAsync(u => u.Id == userId && u.IsActive, ct);
        return user is null ? null : new ResolvedIdentity(tenantId, tenantName, user);
    }

    private static int CycleNumber(string cycle) =>
        cycle.StartsWith("approval:", StringComparison.Ordinal) && int.TryParse(cycle.AsSpan("approval:".Length), out var n) ? n : -1;

    private static Card Prepend(Card card, CardBlock block) => card with { Blocks = [block, .. card.Blocks] };

    private void Fail(Notification n, string reason)
    {
        n.Status = n.Attempts >= 5 ? NotificationStatus.Failed : NotificationStatus.Pending;
        n.LastError = reason;
        LogNotDelivered(logger, n.Id, reason);
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Notification {NotificationId} not delivered: {Reason}")]
    private static partial void LogNotDelivered(ILogger logger, Guid notificationId, string reason);
}
