using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Slack.Api;
using ComplianceOs.BotHost.Slack.Turns;
using ComplianceOs.BotHost.Slack.Workspaces;
using ComplianceOs.BotHost.Teams.Proactive;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.BotHost.Slack.Proactive;

/// <summary>
/// Sends a card to a person's Slack DM without a prompt (approval requests, decisions): the DM the bot last saw them
/// in, else one opened with <c>conversations.open</c> for their stored Slack id in a connected workspace of their
/// tenant. Where it landed is returned as <c>slack:{team}</c>, the channel and the message <c>ts</c>, so a decision can
/// replace it with <c>chat.update</c>.
/// </summary>
public sealed class SlackProactiveSender(ComplianceDbFactory dbs, RecordConversation conversations, SlackWorkspaces workspaces, SlackApiClient slack, SlackDelivery delivery)
{
    public const string ServiceUrlPrefix = "slack:";

    public async Task<Delivery> DeliverAsync(Guid tenantId, Guid userId, Card card, CancellationToken ct = default)
    {
        var (workspace, slackUser, channel) = await WhereAsync(tenantId, userId, ct);
        if (workspace is null || slackUser is null)
        {
            return new Delivery(ProactiveOutcome.NoConversation);
        }

        if (channel is null)
        {
            var opened = await slack.OpenConversationAsync(workspace.BotToken, slackUser, ct);
            if (!opened.Ok)
            {
                await conversations.RecordFailureAsync(tenantId, userId, Channel.Slack, "conversations.open " + opened.Error, ct);
                return new Delivery(ProactiveOutcome.Failed);
            }

            channel = opened.Value;
            await conversations.RecordAsync(tenantId, userId, Channel.Slack, "slack", channel, workspace.BotUserId ?? string.Empty, slackUser, workspace.TeamId, null, ct);
        }

        var sent = await delivery.PostAsync(workspace, channel, card, null, ct);
        return sent is null
            ? new Delivery(ProactiveOutcome.Failed)
            : new Delivery(ProactiveOutcome.Sent, ServiceUrlPrefix + workspace.TeamId, sent.Channel, sent.Ts);
    }

    public async Task<bool> UpdateAsync(string serviceUrl, string channel, string ts, Card card, CancellationToken ct = default)
    {
        if (!serviceUrl.StartsWith(ServiceUrlPrefix, StringComparison.Ordinal)
            || await workspaces.FindAsync(serviceUrl[ServiceUrlPrefix.Length..], ct) is not { } workspace)
        {
            return false;
        }

        return await delivery.UpdateAsync(workspace, channel, ts, card, ct);
    }

    private async Task<(SlackWorkspace? Workspace, string? SlackUser, string? Channel)> WhereAsync(Guid tenantId, Guid userId, CancellationToken ct)
    {
        var reference = await conversations.FindAsync(tenantId, userId, Channel.Slack, ct);
        if (reference is not null && await workspaces.FindAsync(reference.ChannelTenantId, ct) is { } known)
        {
            return (known, reference.ChannelUserId, reference.ConversationId);
        }

        string? slackUser;
        List<string> teams;
        await using (var db = dbs.ForTenant(tenantId))
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            slackUser = await db.Users.Where(u => u.Id == userId && u.IsActive).Select(u => u.SlackUserId).SingleOrDefaultAsync(ct);
            teams = await db.SlackWorkspaceBindings.OrderBy(b => b.SlackTeamId).Select(b => b.SlackTeamId).ToListAsync(ct);
        }

        if (slackUser is null)
        {
            return (null, null, null);
        }

        foreach (var team in teams)
        {
            if (await workspaces.FindAsync(team, ct) is { } workspace)
            {
                return (workspace, slackUser, null);
            }
        }

        return (null, null, null);
    }
}
