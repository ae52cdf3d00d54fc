using System.Text.Json;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Cards.AdaptiveCards;
using ComplianceOs.BotHost.Conversation;
using ComplianceOs.BotHost.Teams.Connector;
using ComplianceOs.BotHost.Teams.Protocol;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;

using TeamsFiles = ComplianceOs.BotHost.Teams.Files;

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
    ConversationCore core,
    ILogger<TeamsBot> logger)
{
    private static readonly HashSet<string> Handled = ["message", "invoke", "conversationUpdate", "installationUpdate"];

    /// <returns>The HTTP response of an invoke, or null for a plain 200.</returns>
    public async Task<InvokeResponse?> HandleAsync(Activity activity, CancellationToken ct)
    {
        if (!Handled.Contains(activity.Type!))
        {
            return null;
        }

        var identity = await identities.ResolveAsync(TeamsTenantId(activity), activity.From!.AadObjectId, email: null, activity.Id, ct);
        if (identity is { User: null } && await MemberEmailAsync(activity, ct) is { } email)
        {
            // Not known by AAD id yet: the member's email or UPN from the connector finds them, and records the id.
            identity = await identities.ResolveAsync(TeamsTenantId(activity), activity.From.AadObjectId, email, activity.Id, ct);
        }

        if (identity?.User is null)
        {
            LogUnknown(logger, activity.Type!, identity is null ? "tenant" : "user");
            if (activity.Type is "message" or "installationUpdate")
            {
                await ReplyAsync(activity, core.NoAccess(), ct);
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
        using var typing = activity.Type == "message" ? TypingAfter(activity, TimeSpan.FromSeconds(1), ct) : null;
        switch (activity.Type)
        {
            case "message":
                var text = TeamsText.Clean(activity);
                if (SubmittedVerb(activity) is { } submitted)
                {
                    // Action.Submit (and the fallback of Action.Execute on older clients) arrives as a message with a value.
                    await ReplyPrivatelyAsync(activity, await SubmittedCardAsync(activity, identity, submitted, ct), ct);
                }
                else if (Files(activity) is { Count: > 0 } files)
                {
                    await DeliverAsync(activity, await core.ReceiveFilesAsync(identity, files, text, activity.Id, activity.From!.Id, ct), ct);
                }
                else
                {
                    await DeliverAsync(activity, await core.AnswerAsync(identity, text, activity.Id, activity.From!.Id, ct), ct);
                }

                break;
            case "installationUpdate" or "conversationUpdate" when BotWasAdded(activity):
                await ReplyAsync(activity, core.Welcome(identity.User.Name), ct);
                break;
            case "invoke":
                response = await InvokeAsync(activity, identity, ct);
                break;
        }

        await claim.CompleteAsync(ct);
        return response;
    }

    /// <summary>
    /// Files sent to the bot in personal chat (their names and pre-authorised download URLs), and images pasted into
    /// the message (on the connector, fetched with the bot token).
    /// </summary>
    private static List<Conversation.Evidence.IncomingFile> Files(Activity activity) =>
        (activity.Attachments ?? []).Select(AsFile).OfType<Conversation.Evidence.IncomingFile>().ToList();

    private static Conversation.Evidence.IncomingFile? AsFile(Attachment a)
    {
        if (a.ContentType == TeamsFiles.TeamsFileSource.DownloadInfoType && a.Content is { ValueKind: JsonValueKind.Object } info
            && info.TryGetProperty("downloadUrl", out var u) && u.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(u.GetString()))
        {
            return new(string.IsNullOrWhiteSpace(a.Name) ? "file" : a.Name, TeamsFiles.TeamsFileSource.SourceName, u.GetString()!);
        }

        if (a.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true && !string.IsNullOrWhiteSpace(a.ContentUrl))
        {
            var name = string.IsNullOrWhiteSpace(a.Name) ? TeamsFiles.TeamsInlineImageSource.UnnamedImage : a.Name;
            return new(name, TeamsFiles.TeamsInlineImageSource.SourceName, a.ContentUrl);
        }

        return null;
    }

    /// <summary>Action.Execute: answered in the HTTP response with the card to show in place of the old one.</summary>
    private async Task<InvokeResponse> InvokeAsync(Activity activity, ResolvedIdentity identity, CancellationToken ct)
    {
        if (activity.Name != "adaptiveCard/action" || activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return new InvokeResponse(200, AdaptiveCardEnvelopes.MessageInvokeResponse("That action is not supported."));
        }

        var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var card = verb is null ? null : await core.ActAsync(identity, verb, data, activity.Id, activity.From!.Id, ct);
        if (card is not null)
        {
            return new InvokeResponse(200, AdaptiveCardEnvelopes.CardInvokeResponse(renderer.Render(card)));
        }

        return verb == ConversationCore.StatusVerb
            ? Message("That obligation is not available to you.")
            : Message("This button belongs to an older card, or the obligation is not available to you. Type \"my tasks\" for a fresh list.");
    }

    /// <summary>A reply of the conversation, delivered as Teams expects: entity data to the asker alone.</summary>
    private async Task DeliverAsync(Activity to, ConversationReply reply, CancellationToken ct)
    {
        if (reply.Card is { } card)
        {
            await (reply.Private ? ReplyPrivatelyAsync(to, card, ct) : ReplyAsync(to, card, ct));
        }
        else
        {
            await ReplyTextAsync(to, reply.Text ?? string.Empty, ct);
        }
    }

    private static string? SubmittedVerb(Activity a) =>
        a.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(Cards.CardAction.VerbDataKey, out var verb) && verb.ValueKind == JsonValueKind.String
            ? verb.GetString()
            : null;

    private async Task<Card> SubmittedCardAsync(Activity activity, ResolvedIdentity identity, string verb, CancellationToken ct)
    {
        if (verb == ConversationCore.StatusVerb && await core.ActAsync(identity, verb, activity.Value!.Value, activity.Id, activity.From!.Id, ct) is { } card)
        {
            return card;
        }

        return new Card([new TextBlock("That obligation is not available to you, or the button belongs to an older card. Type \"my tasks\" for a fresh list.")]);
    }

    /// <summary>Entity data goes to the person alone: in a group chat or channel it is sent in a 1:1 chat instead.</summary>
    private async Task ReplyPrivatelyAsync(Activity to, Card card, CancellationToken ct)
    {
        if (to.Conversation!.ConversationType is null or "personal")
        {
            await ReplyAsync(to, card, ct);
            return;
        }

        var created = await connector.CreateConversationAsync(to.ServiceUrl!, to.Recipient?.Id ?? string.Empty, to.From!.Id!, TeamsTenantId(to) ?? string.Empty, ct);
        if (created is { Succeeded: true, Id: { } conversationId })
        {
            var direct = CardActivity(card);
            direct.From = to.Recipient;
            direct.Recipient = to.From;
            direct.Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal" };
            await connector.SendToConversationAsync(to.ServiceUrl!, conversationId, direct, ct);
            await ReplyTextAsync(to, "I have sent you the details in a private chat.", ct);
        }
        else
        {
            await ReplyTextAsync(to, "I can only show this in a private chat. Open a chat with me and ask there.", ct);
        }
    }

    private async Task<string?> MemberEmailAsync(Activity activity, CancellationToken ct)
    {
        var member = await connector.GetMemberAsync(activity.ServiceUrl!, activity.Conversation!.Id!, activity.From!.Id!, ct);
        if (member is not { ValueKind: JsonValueKind.Object } m)
        {
            return null;
        }

        foreach (var name in new[] { "email", "userPrincipalName" })
        {
            if (m.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Contains('@'))
            {
                return value.GetString();
            }
        }

        return null;
    }

    /// <summary>Sends a typing indicator if the turn is still running after <paramref name="delay"/>; dispose to call it off.</summary>
    private TypingIndicator TypingAfter(Activity to, TimeSpan delay, CancellationToken ct)
    {
        var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _ = Task.Run(
            async () =>
            {
                try
                {
                    // Most turns finish first: waiting without throwing keeps an exception off every turn.
                    await Task.Delay(delay, done.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    if (done.IsCancellationRequested)
                    {
                        return;
                    }

                    await connector.SendToConversationAsync(to.ServiceUrl!, to.Conversation!.Id!, new Activity
                    {
                        Type = "typing",
                        From = to.Recipient,
                        Recipient = to.From,
                        Conversation = to.Conversation,
                    }, done.Token);
                }
                catch (OperationCanceledException)
                {
                    // The turn finished first: no indicator needed.
                }
            },
            CancellationToken.None);
        return new TypingIndicator(done);
    }

    private sealed class TypingIndicator(CancellationTokenSource done) : IDisposable
    {
        public void Dispose()
        {
            done.Cancel();
            done.Dispose();
        }
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

    private Task ReplyAsync(Activity to, Card card, CancellationToken ct) => SendReplyAsync(to, CardActivity(card), ct);

    private Activity CardActivity(Card card) => new()
    {
        Type = "message",
        Attachments = [new Attachment
        {
            ContentType = AdaptiveCardEnvelopes.CardContentType,
            Content = JsonSerializer.SerializeToElement(renderer.Render(card)),
        }],
    };

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
