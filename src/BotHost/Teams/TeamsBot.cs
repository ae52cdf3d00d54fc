using System.Text.Json;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Cards.AdaptiveCards;
using ComplianceOs.BotHost.Teams.Connector;
using ComplianceOs.BotHost.Teams.Protocol;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;

namespace ComplianceOs.BotHost.Teams;

/// <summary>
/// One Teams turn: who is speaking (tenant from <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>;
/// user by AAD object id), the redelivery check, the conversation reference, then the reply. Unknown tenants and
/// people get one card saying how to get access and nothing else.
/// </summary>
public sealed partial class TeamsBot(
    TeamsIdentityResolver identities,
    InboundDedupe dedupe,
    RecordConversation conversations,
    ConnectorClient connector,
    AdaptiveCardRenderer renderer,
    TeamsCards cards,
    TeamsTasks tasks,
    ILogger<TeamsBot> logger)
{
    public const int MaxTextLength = 10_000;

    private static readonly HashSet<string> Handled = ["message", "invoke", "conversationUpdate", "installationUpdate"];

    /// <returns>The HTTP response of an invoke, or null for a plain 200.</returns>
    public async Task<InvokeResponse?> HandleAsync(Activity activity, CancellationToken ct)
    {
        if (!Handled.Contains(activity.Type!))
        {
            return null;
        }

        var identity = await identities.ResolveAsync(TeamsTenantId(activity), activity.From!.AadObjectId, email: null, activity.Id, ct);
        if (identity?.User is null)
        {
            LogUnknown(logger, activity.Type!, identity is null ? "tenant" : "user");
            if (activity.Type is "message" or "installationUpdate")
            {
                await ReplyAsync(activity, cards.NoAccess(), ct);
            }

            return activity.Type == "invoke" ? Message("Compliance OS is not set up for you yet.") : null;
        }

        await using var claim = await dedupe.TryClaimAsync(identity.TenantId, Channel.Teams, activity.Conversation!.Id!, activity.Id ?? string.Empty, ct);
        if (!claim.IsNew)
        {
            LogDuplicate(logger, activity.Id);
            return activity.Type == "invoke" ? Message("Already done.") : null;
        }

        if (activity.Conversation.ConversationType is null or "personal" && activity.Recipient?.Id is { } botId)
        {
            await conversations.RecordAsync(
                identity.TenantId, identity.User.Id, Channel.Teams, activity.ServiceUrl!, activity.Conversation.Id!, botId,
                activity.From.Id!, TeamsTenantId(activity)!, activity.Locale, ct);
        }

        InvokeResponse? response = null;
        switch (activity.Type)
        {
            case "message":
                var text = TeamsText.Clean(activity);
                if (text.Length > MaxTextLength)
                {
                    await ReplyTextAsync(activity, $"That message is longer than {MaxTextLength:N0} characters; please send a shorter one.", ct);
                }
                else if (TeamsText.IsMyTasks(text))
                {
                    await ReplyAsync(activity, await tasks.MyTasksAsync(identity, ct), ct);
                }
                else
                {
                    await ReplyAsync(activity, cards.Help(identity.User.Name), ct);
                }

                break;
            case "installationUpdate" or "conversationUpdate" when BotWasAdded(activity):
                await ReplyAsync(activity, cards.Help(identity.User.Name), ct);
                break;
            case "invoke":
                // Card actions arrive with the workflow commands (next increment); until then they are refused clearly.
                response = Message("This action is not available here yet. Type \"my tasks\" for your current list.");
                break;
        }

        await claim.CompleteAsync(ct);
        return response;
    }

    private static InvokeResponse Message(string text) => new(200, AdaptiveCardEnvelopes.MessageInvokeResponse(text));

    private static string? TeamsTenantId(Activity a)
    {
        if (a.ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
            && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            return id.GetString();
        }

        return a.Conversation?.TenantId;
    }

    private static bool BotWasAdded(Activity a)
    {
        if (a.Type == "installationUpdate")
        {
            return a.Extra is null || !a.Extra.TryGetValue("action", out var action) || action.GetString() is "add" or null;
        }

        return a.Extra is not null && a.Extra.TryGetValue("membersAdded", out var added) && added.ValueKind == JsonValueKind.Array
            && added.EnumerateArray().Any(m => m.TryGetProperty("id", out var id) && id.GetString() == a.Recipient?.Id);
    }

    private Task ReplyAsync(Activity to, Card card, CancellationToken ct) =>
        SendReplyAsync(to, new Activity
        {
            Type = "message",
            Attachments = [new Attachment
            {
                ContentType = AdaptiveCardEnvelopes.CardContentType,
                Content = JsonSerializer.SerializeToElement(renderer.Render(card)),
            }],
        }, ct);

    private Task ReplyTextAsync(Activity to, string text, CancellationToken ct) =>
        SendReplyAsync(to, new Activity { Type = "message", Text = text, TextFormat = "plain" }, ct);

    private async Task SendReplyAsync(Activity to, Activity reply, CancellationToken ct)
    {
        reply.From = to.Recipient;
        reply.Recipient = to.From;
        reply.Conversation = to.Conversation;
        reply.ChannelId = to.ChannelId;
        var result = to.Id is { } id
            ? await connector.ReplyToActivityAsync(to.ServiceUrl!, to.Conversation!.Id!, id, reply, ct)
            : await connector.SendToConversationAsync(to.ServiceUrl!, to.Conversation!.Id!, reply, ct);
        if (!result.Succeeded)
        {
            LogReplyFailed(logger, (int)result.Status);
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Teams {Type} from an unknown {What}; answered with the access card")]
    private static partial void LogUnknown(ILogger logger, string type, string what);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Teams activity {ActivityId} was already handled; ignored")]
    private static partial void LogDuplicate(ILogger logger, string? activityId);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Teams reply failed with HTTP {Status}")]
    private static partial void LogReplyFailed(ILogger logger, int status);
}
