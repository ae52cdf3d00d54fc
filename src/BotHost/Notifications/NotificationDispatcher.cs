using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.BotHost.Notifications.Digests;
using ComplianceOs.BotHost.Notifications.Email;
using ComplianceOs.BotHost.Slack.Proactive;
using ComplianceOs.Domain.Channels;
using ComplianceOs.BotHost.Teams.Proactive;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Notifications;
using ComplianceOs.Domain.Notifications.Reminders;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.BotHost.Notifications;

/// <summary>
/// Delivers the notification outbox (in process): approval requests go to the approver as the obligation's card
/// with Approve / Reject; a decision goes to the submitter and replaces every card sent for that request; reminders
/// and escalations go as the obligation's card with their stage on top; an owner's notice of a government extension
/// as the card with its new date on top; digests as a list.
/// <para>
/// A row is claimed for a short lease in its own transaction (<c>FOR UPDATE SKIP LOCKED</c>, so several hosts never
/// take the same one), sent with no transaction open, and its outcome recorded in another short transaction. A
/// host that dies mid-send leaves the lease to expire, and the row goes out again: at least once, never lost.
/// </para>
/// <para>
/// Each goes to the recipient's preferred channel; a channel that cannot reach them (never seen, not installed, no
/// SMTP or address) is skipped at once for the next one; a channel that fails is retried with back-off
/// (30 s, 2 min, 8 min — reminders never into quiet hours) and, after <see cref="Notification.MaxAttemptsPerChannel"/>
/// failures, given up for the next channel. With none left the row is Failed, with the reasons, for admins to see.
/// </para>
/// </summary>
public sealed partial class NotificationDispatcher(
    ComplianceDbFactory dbs,
    ObligationCards status,
    DigestCards digests,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger)
{
    private const int Batch = 25;
    private static readonly Duration Lease = Duration.FromMinutes(2);
    private static readonly Channel[] Fallbacks = [Channel.Teams, Channel.Slack, Channel.Email];

    /// <returns>How many notifications were handled.</returns>
    public async Task<int> DispatchOnceAsync(CancellationToken ct = default)
    {
        List<(Guid Id, string Name, string TimeZone)> tenants;
        await using (var platform = dbs.ForPlatform())
        {
            await using var tx = await platform.Database.BeginTransactionAsync(ct);
            tenants = (await platform.Tenants.Where(t => t.IsActive).Select(t => new { t.Id, t.Name, t.TimeZone }).ToListAsync(ct)).Select(t => (t.Id, t.Name, t.TimeZone)).ToList();
        }

        var handled = 0;
        foreach (var tenant in tenants)
        {
            handled += await DispatchTenantAsync(tenant.Id, tenant.Name, tenant.TimeZone, ct);
        }

        return handled;
    }

    private async Task<int> DispatchTenantAsync(Guid tenantId, string tenantName, string timeZone, CancellationToken ct)
    {
        // Microseconds, as PostgreSQL keeps them: the lease is matched by equality when the outcome is recorded.
        var now = Instant.FromUnixTimeTicks(Instant.FromDateTimeOffset(clock.GetUtcNow()).ToUnixTimeTicks() / 10 * 10);
        var leaseUntil = now + Lease;
        List<Notification> claimed;
        ReminderSettings settings;
        await using (var db = dbs.ForTenant(tenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            claimed = await db.Notifications.FromSqlRaw(
                """
                UPDATE notifications SET claimed_until = {0}
                WHERE id IN (SELECT id FROM notifications
                             WHERE status = 'Pending' AND (not_before IS NULL OR not_before <= {1}) AND (claimed_until IS NULL OR claimed_until < {1})
                             ORDER BY created_at LIMIT {2} FOR UPDATE SKIP LOCKED)
                RETURNING *
                """,
                leaseUntil, now, Batch).IgnoreQueryFilters().AsNoTracking().ToListAsync(ct); // row-level security scopes the UPDATE to the tenant; the filter cannot wrap it
            settings = await db.ReminderSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? ReminderSettings.Defaults(tenantId);
            await tx.CommitAsync(ct);
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        using var scope = scopes.CreateScope();
        var senders = new Senders(
            scope.ServiceProvider.GetRequiredService<TeamsProactiveSender>(),
            scope.ServiceProvider.GetRequiredService<SlackProactiveSender>(),
            scope.ServiceProvider.GetRequiredService<EmailSender>());
        var zone = DateTimeZoneProviders.Tzdb[timeZone];
        foreach (var n in claimed.OrderBy(n => n.CreatedAt))
        {
            var outcome = await HandleAsync(senders, tenantId, tenantName, n, ct);
            await RecordAsync(tenantId, n, outcome, leaseUntil, now, zone, settings, ct);
        }

        return claimed.Count;
    }

    private async Task<Outcome> HandleAsync(Senders senders, Guid tenantId, string tenantName, Notification n, CancellationToken ct)
    {
        Card card;
        string? address;
        string name;
        await using (var db = dbs.ForTenant(tenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var viewer = await ViewerAsync(db, tenantId, tenantName, n.RecipientUserId, ct);
            if (viewer is null)
            {
                return Outcome.Skip("the recipient is no longer active");
            }

            address = viewer.User!.Email;
            name = viewer.User.Name;
            if (n.InstanceId is not { } instanceId)
            {
                var digest = await digests.ForAsync(db, viewer, n.Stage, n.Cycle, ct);
                if (digest is null)
                {
                    return Outcome.Skip("nothing to report any more");
                }

                card = digest;
            }
            else
            {
                var built = await ObligationCardAsync(db, senders, tenantId, tenantName, viewer, n, instanceId, ct);
                if (built.Card is null)
                {
                    return Outcome.Skip(built.SkipReason!);
                }

                card = built.Card;
            }
        }

        return await DeliverAsync(senders, tenantId, n, address, name, card, ct);
    }

    private async Task<(Card? Card, string? SkipReason)> ObligationCardAsync(ComplianceDb db, Senders senders, Guid tenantId, string tenantName, ResolvedIdentity viewer, Notification n, Guid instanceId, CancellationToken ct)
    {
        var reference = await db.ConversationReferences.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == n.RecipientUserId && r.Channel == Channel.Teams, ct);
        var card = await status.ByIdAsync(viewer, instanceId, reference?.ChannelUserId, ct);
        if (card is null)
        {
            return (null, "the recipient can no longer see this obligation");
        }

        var cycle = CycleNumber(n.Cycle);
        var approval = await db.Approvals.AsNoTracking().Where(a => a.InstanceId == instanceId && a.Cycle == cycle).SingleOrDefaultAsync(ct);
        if (n.Stage == ApprovalNotifications.DecisionStage && approval is { DecidedByUserId: { } decider })
        {
            await ReplaceRequestCardsAsync(db, senders, tenantId, tenantName, n, approval, ct);
            var who = await db.Users.Where(u => u.Id == decider).Select(u => u.Name).SingleAsync(ct);
            return (Prepend(card, new StatusBadge(approval.Decision == ApprovalDecision.Approved ? StatusTone.Good : StatusTone.Attention, $"{approval.Decision} by {who}{(approval.Comment is { } c ? $": {c}" : string.Empty)}")), null);
        }

        if (n.Stage == ApprovalNotifications.RequestStage && approval is { Decision: not null })
        {
            // Decided before the request went out: the approver has nothing left to do.
            return (null, "decided before delivery");
        }

        if (n.Stage == ApprovalNotifications.RequestStage && approval is not null)
        {
            var submitter = await db.Users.Where(u => u.Id == approval.RequestedByUserId).Select(u => u.Name).SingleAsync(ct);
            return (Prepend(card with { Title = $"Approval requested — {card.Title}" }, new StatusBadge(StatusTone.Warning, $"Submitted by {submitter}; please approve or reject")), null);
        }

        if (n.Stage == ExtensionNotifications.Stage)
        {
            var moved = await db.ComplianceInstances.AsNoTracking().Where(i => i.Id == instanceId)
                .Select(i => new { i.Status, i.ExtendedDueDate, i.ExtensionReference }).SingleAsync(ct);
            if (moved.Status == InstanceStatus.Filed || moved.ExtendedDueDate is not { } extended)
            {
                return (null, moved.Status == InstanceStatus.Filed ? "filed before delivery" : "the extension no longer applies");
            }

            return (Prepend(card with { Title = $"Due date extended — {card.Title}" }, new StatusBadge(StatusTone.Good, $"Now due {NodaTime.Text.LocalDatePattern.Iso.Format(extended)} ({moved.ExtensionReference})")), null);
        }

        if (ReminderBadges.For(n.Stage) is not { } reminder)
        {
            return (card, null);
        }

        // Done before the reminder went out (queued in the morning, filed by noon): nothing to remind of.
        var state = await db.ComplianceInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.Status).SingleAsync(ct);
        if (state is InstanceStatus.Approved or InstanceStatus.Filed)
        {
            return (null, $"{state} before delivery");
        }

        if (SnoozeReminderHandler.IsSnoozed(n.Cycle)
            && await db.Notifications.AnyAsync(o => o.InstanceId == instanceId && o.RecipientUserId == n.RecipientUserId && o.Id != n.Id && o.CreatedAt > n.CreatedAt && !o.Cycle.Contains(SnoozeReminderHandler.Marker), ct))
        {
            // A later stage reached them while this one slept: the snoozed one would only repeat old news.
            return (null, "overtaken by a later stage");
        }

        var title = SnoozeReminderHandler.IsSnoozed(n.Cycle) ? $"{reminder.Title} (snoozed)" : reminder.Title;
        return (ReminderBadges.WithActions(Prepend(card with { Title = $"{title} — {card.Title}" }, reminder.Badge), n.Id), null);
    }

    /// <summary>The first channel in order that takes it; channels that cannot reach the person are passed over.</summary>
    private static async Task<Outcome> DeliverAsync(Senders senders, Guid tenantId, Notification n, string? address, string name, Card card, CancellationToken ct)
    {
        var unreachable = new List<string>();
        foreach (var channel in Order(n))
        {
            Delivery delivery;
            try
            {
                delivery = channel switch
                {
                    Channel.Slack => await senders.Slack.DeliverAsync(tenantId, n.RecipientUserId, card, ct),
                    Channel.Email => await senders.Email.DeliverAsync(address, name, card, ct),
                    _ => await senders.Teams.DeliverAsync(tenantId, n.RecipientUserId, card, ct),
                };
            }
            catch (HttpRequestException)
            {
                delivery = new Delivery(ProactiveOutcome.Failed);
            }

            switch (delivery.Outcome)
            {
                case ProactiveOutcome.Sent:
                    return new Outcome(NotificationStatus.Sent, channel, delivery, unreachable, null);
                case ProactiveOutcome.Failed:
                    return new Outcome(NotificationStatus.Pending, channel, delivery, unreachable, $"{channel}: failed");
                default:
                    unreachable.Add(channel.ToString());
                    break;
            }
        }

        return new Outcome(NotificationStatus.Failed, n.Channel, null, unreachable, "no channel reaches the recipient (" + string.Join(", ", n.FailedChannels.Concat(unreachable).Distinct()) + ")");
    }

    private static IEnumerable<Channel> Order(Notification n) =>
        new[] { n.Channel }.Concat(Fallbacks.Where(c => c != n.Channel)).Where(c => !n.FailedChannels.Contains(c.ToString()));

    /// <summary>The outcome, written only while our lease still holds (a host that took over after it ran out owns the row now).</summary>
    private async Task RecordAsync(Guid tenantId, Notification claimed, Outcome outcome, Instant leaseUntil, Instant now, DateTimeZone zone, ReminderSettings settings, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var n = await db.Notifications.SingleOrDefaultAsync(x => x.Id == claimed.Id && x.ClaimedUntil == leaseUntil, ct);
        if (n is null)
        {
            LogLeaseLost(logger, claimed.Id);
            return;
        }

        n.ClaimedUntil = null;
        n.Attempts++;
        n.FailedChannels = n.FailedChannels.Concat(outcome.Unreachable).Distinct().ToList();
        switch (outcome.Status)
        {
            case NotificationStatus.Sent:
                n.Status = NotificationStatus.Sent;
                n.Channel = outcome.Channel;
                n.SentAt = now;
                n.DeliveredServiceUrl = outcome.Delivery!.ServiceUrl;
                n.DeliveredConversationId = outcome.Delivery.ConversationId;
                n.DeliveredActivityId = outcome.Delivery.ActivityId;
                n.LastError = null;
                break;
            case NotificationStatus.Skipped:
                n.Status = NotificationStatus.Skipped;
                n.LastError = outcome.Reason;
                break;
            case NotificationStatus.Failed:
                n.Status = NotificationStatus.Failed;
                n.LastError = outcome.Reason;
                LogNotDelivered(logger, n.Id, outcome.Reason!);
                break;
            default:
                Retry(n, outcome, now, zone, settings);
                break;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A failed attempt: back off on the same channel, or give it up for the next one after too many.</summary>
    private void Retry(Notification n, Outcome outcome, Instant now, DateTimeZone zone, ReminderSettings settings)
    {
        n.ChannelAttempts = n.Channel == outcome.Channel ? n.ChannelAttempts + 1 : 1;
        n.Channel = outcome.Channel;
        n.LastError = outcome.Reason;
        var wait = Duration.FromSeconds(30 * Math.Pow(4, n.ChannelAttempts - 1));
        if (n.ChannelAttempts >= Notification.MaxAttemptsPerChannel)
        {
            n.FailedChannels = [.. n.FailedChannels, n.Channel.ToString()];
            var next = Order(n).Cast<Channel?>().FirstOrDefault();
            if (next is null)
            {
                n.Status = NotificationStatus.Failed;
                n.LastError = $"{outcome.Reason} {n.ChannelAttempts} times; no other channel reaches the recipient";
                LogNotDelivered(logger, n.Id, n.LastError);
                return;
            }

            LogFallingBack(logger, n.Id, n.Channel.ToString(), next.Value.ToString());
            n.Channel = next.Value;
            n.ChannelAttempts = 0;
            wait = Duration.Zero;
        }

        var at = now + wait;
        if (!ApprovalNotifications.IsApprovalStage(n.Stage))
        {
            // A retried reminder waits for the morning like any other.
            at = settings.NextAllowed(at.InZone(zone).LocalDateTime).InZoneLeniently(zone).ToInstant();
        }

        n.NotBefore = at;
        LogNotDelivered(logger, n.Id, outcome.Reason!);
    }

    /// <summary>A decision replaces every request card of that cycle, for each approver it was sent to.</summary>
    private async Task ReplaceRequestCardsAsync(ComplianceDb db, Senders senders, Guid tenantId, string tenantName, Notification decision, Approval approval, CancellationToken ct)
    {
        var requests = await db.Notifications.AsNoTracking()
            .Where(r => r.InstanceId == decision.InstanceId && r.Stage == ApprovalNotifications.RequestStage && r.Cycle == decision.Cycle && r.DeliveredActivityId != null)
            .ToListAsync(ct);
        var decider = await db.Users.Where(u => u.Id == approval.DecidedByUserId).Select(u => u.Name).SingleAsync(ct);
        foreach (var request in requests)
        {
            var viewer = await ViewerAsync(db, tenantId, tenantName, request.RecipientUserId, ct);
            var card = viewer is null ? null : await status.ByIdAsync(viewer, request.InstanceId!.Value, null, ct);
            if (card is null)
            {
                continue;
            }

            var decided = Prepend(card, new StatusBadge(StatusTone.Neutral, $"{approval.Decision} by {decider} at {approval.DecidedAt:uuuu-MM-dd HH:mm} UTC"));
            if (request.DeliveredServiceUrl!.StartsWith(SlackProactiveSender.ServiceUrlPrefix, StringComparison.Ordinal))
            {
                await senders.Slack.UpdateAsync(request.DeliveredServiceUrl, request.DeliveredConversationId!, request.DeliveredActivityId!, decided, ct);
            }
            else if (!request.DeliveredServiceUrl.StartsWith(EmailSender.ServiceUrl, StringComparison.Ordinal))
            {
                await senders.Teams.UpdateAsync(tenantId, request.RecipientUserId, request.DeliveredServiceUrl, request.DeliveredConversationId!, request.DeliveredActivityId!, decided, ct);
            }
        }
    }

    private static async Task<ResolvedIdentity?> ViewerAsync(ComplianceDb db, Guid tenantId, string tenantName, Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.EntityAccess).SingleOrDefaultAsync(u => u.Id == userId && u.IsActive, ct);
        return user is null ? null : new ResolvedIdentity(tenantId, tenantName, user);
    }

    private static int CycleNumber(string cycle) =>
        cycle.StartsWith("approval:", StringComparison.Ordinal) && int.TryParse(cycle.AsSpan("approval:".Length), out var n) ? n : -1;

    private static Card Prepend(Card card, CardBlock block) => card with { Blocks = [block, .. card.Blocks] };

    private sealed record Senders(TeamsProactiveSender Teams, SlackProactiveSender Slack, EmailSender Email);

    /// <param name="Unreachable">Channels found unable to reach the person on the way (passed over).</param>
    private sealed record Outcome(NotificationStatus Status, Channel Channel, Delivery? Delivery, IReadOnlyList<string> Unreachable, string? Reason)
    {
        public static Outcome Skip(string reason) => new(NotificationStatus.Skipped, Channel.Teams, null, [], reason);
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Notification {NotificationId} not delivered: {Reason}")]
    private static partial void LogNotDelivered(ILogger logger, Guid notificationId, string reason);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Warning, Message = "Notification {NotificationId}: giving up {Channel}, falling back to {Next}")]
    private static partial void LogFallingBack(ILogger logger, Guid notificationId, string channel, string next);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Warning, Message = "Notification {NotificationId}: claim expired before the outcome was recorded; another dispatcher has it")]
    private static partial void LogLeaseLost(ILogger logger, Guid notificationId);
}
