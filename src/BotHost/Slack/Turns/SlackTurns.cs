using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Cards.BlockKit;
using ComplianceOs.BotHost.Conversation;
using ComplianceOs.BotHost.Slack.Api;
using ComplianceOs.BotHost.Slack.Endpoints;
using ComplianceOs.BotHost.Slack.Workspaces;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Channels.Slack;
using ComplianceOs.Domain.Common;

namespace ComplianceOs.BotHost.Slack.Turns;

/// <summary>
/// The Slack adapter's turn: one inbox delivery — a message, a mention, App Home opening, a button, a submitted modal
/// or a slash command — resolved to a workspace and a person, handed to the channel-neutral conversation core, and
/// its reply delivered the Slack way. Unknown workspaces and people get one friendly message and nothing else.
/// </summary>
public sealed partial class SlackTurns(
    SlackWorkspaces workspaces,
    SlackIdentityResolver identities,
    SlackApiClient slack,
    SlackDelivery delivery,
    ConversationCore conversation,
    RecordConversation conversations,
    Install.ForgetSlackInstall uninstall,
    ILogger<SlackTurns> logger)
{
    public Task HandleAsync(SlackInboxLease lease, CancellationToken ct)
    {
        using var payload = JsonDocument.Parse(lease.Payload);
        var root = payload.RootElement.Clone();
        return lease.Kind switch
        {
            SlackInboxKind.Event => EventAsync(lease.Id, lease.TeamId, root, ct),
            SlackInboxKind.Action => ActionAsync(lease.Id, lease.TeamId, root, ct),
            SlackInboxKind.Submission => SubmissionAsync(lease.Id, lease.TeamId, root, ct),
            SlackInboxKind.Command => CommandAsync(lease.Id, lease.TeamId, root, ct),
            _ => Task.CompletedTask,
        };
    }

    private async Task EventAsync(string id, string team, JsonElement root, CancellationToken ct)
    {
        var e = root.GetProperty("event");
        if (SlackJson.String(e, "type") is "app_uninstalled" or "tokens_revoked")
        {
            await uninstall.HandleAsync(team, id, ct);
            return;
        }

        if (await workspaces.FindAsync(team, ct) is not { } w)
        {
            LogUnknownWorkspace(logger, team, id);
            return;
        }

        var user = SlackJson.String(e, "user") ?? string.Empty;
        if (user.Length == 0 || user == w.BotUserId)
        {
            return;
        }

        var identity = await ResolveAsync(w, user, id, ct);
        if (SlackJson.String(e, "type") == "app_home_opened")
        {
            var home = identity?.User is null
                ? conversation.NoAccess()
                : (await conversation.AnswerAsync(identity, "my tasks", id, user, ct)).Card ?? conversation.Welcome(identity.User.Name);
            await slack.PublishHomeAsync(w.BotToken, user, BlockKitRenderer.RenderHome(home), ct);
            return;
        }

        var channel = SlackJson.String(e, "channel") ?? string.Empty;
        var isDm = SlackJson.String(e, "channel_type") == "im";
        async Task ReplyAsync(ConversationReply reply)
        {
            if (isDm)
            {
                await delivery.PostAsync(w, channel, reply.Card, reply.Text, ct);
            }
            else
            {
                // In a channel, answers are for the asker alone.
                await delivery.EphemeralAsync(w, channel, user, reply.Card, reply.Text, ct);
            }
        }

        if (identity?.User is not { } person)
        {
            await ReplyAsync(ConversationReply.Shared(conversation.NoAccess()));
            return;
        }

        if (isDm)
        {
            await conversations.RecordAsync(identity.TenantId, person.Id, Channel.Slack, "slack", channel, w.BotUserId ?? string.Empty, user, w.TeamId, null, ct);
        }

        var text = Mention().Replace(SlackJson.String(e, "text") ?? string.Empty, " ").Trim();
        if (SlackJson.String(e, "subtype") == "file_share" && Files(e, team) is { Count: > 0 } files)
        {
            await ReplyAsync(await conversation.ReceiveFilesAsync(identity, files, SlackText.Decode(text), id, user, ct));
            return;
        }

        await ReplyAsync(await conversation.AnswerAsync(identity, SlackText.Decode(text), id, user, ct));
    }

    /// <summary>The files of a file_share message: their ids (fetched later with files.info) and names.</summary>
    private static List<Conversation.Evidence.IncomingFile> Files(JsonElement e, string team) =>
        e.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Array
            ? files.EnumerateArray()
                .Where(f => f.ValueKind == JsonValueKind.Object && SlackJson.String(f, "id") is { Length: > 0 })
                .Select(f => new Conversation.Evidence.IncomingFile(SlackJson.String(f, "name") ?? "file", ComplianceOs.BotHost.Slack.Files.SlackFileSource.SourceName, ComplianceOs.BotHost.Slack.Files.SlackFileSource.Reference(team, SlackJson.String(f, "id")!)))
                .ToList()
            : [];

    private async Task ActionAsync(string id, string team, JsonElement payload, CancellationToken ct)
    {
        var action = payload.GetProperty("actions")[0];
        if (!BlockKitRenderer.TryReadButtonValue(SlackJson.String(action, "value"), out var verb, out var data, out _))
        {
            return;
        }

        var user = SlackJson.Object(payload, "user") is { } u ? SlackJson.String(u, "id") ?? string.Empty : string.Empty;
        var responseUrl = SlackJson.String(payload, "response_url");
        var container = SlackJson.Object(payload, "container");
        var w = await workspaces.FindAsync(team, ct);
        var identity = w is null ? null : await ResolveAsync(w, user, id, ct);
        if (w is null || identity?.User is null)
        {
            if (responseUrl is not null)
            {
                await delivery.RespondAsync(responseUrl, conversation.NoAccess(), null, replaceOriginal: false, ct);
            }

            return;
        }

        var card = await conversation.ActAsync(identity, verb, ToElement(data, null), id, user, ct) ?? Unavailable();
        await ShowResultAsync(w, user, verb, card, container, responseUrl, ct);
    }

    private async Task SubmissionAsync(string id, string team, JsonElement payload, CancellationToken ct)
    {
        var view = payload.GetProperty("view");
        using var metadata = JsonDocument.Parse(SlackJson.String(view, "private_metadata") ?? "{}");
        var meta = metadata.RootElement;
        var verb = SlackJson.String(meta, "v") ?? string.Empty;
        var data = SlackJson.Object(meta, "d") is { } d
            ? d.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : [];
        var inputs = new Dictionary<string, string>();
        if (SlackJson.Object(view, "state") is { } state && SlackJson.Object(state, "values") is { } values)
        {
            foreach (var block in values.EnumerateObject())
            {
                if (block.Value.EnumerateObject().Select(a => SlackJson.String(a.Value, "value")).FirstOrDefault(v => v is not null) is { } value)
                {
                    inputs[block.Name] = value;
                }
            }
        }

        var user = SlackJson.Object(payload, "user") is { } u ? SlackJson.String(u, "id") ?? string.Empty : string.Empty;
        if (await workspaces.FindAsync(team, ct) is not { } w || await ResolveAsync(w, user, id, ct) is not { User: not null } identity)
        {
            return;
        }

        var card = await conversation.ActAsync(identity, verb, ToElement(data, inputs), id, user, ct) ?? Unavailable();
        var channel = SlackJson.String(meta, "ch");
        var ts = SlackJson.String(meta, "ts");
        if (channel is not null && ts is not null && await delivery.UpdateAsync(w, channel, ts, card, ct))
        {
            return;
        }

        await PostToDmAsync(w, user, card, ct);
    }

    private async Task CommandAsync(string id, string team, JsonElement form, CancellationToken ct)
    {
        var responseUrl = SlackJson.String(form, "response_url")!;
        var user = SlackJson.String(form, "user_id") ?? string.Empty;
        if (await workspaces.FindAsync(team, ct) is not { } w)
        {
            await delivery.RespondAsync(responseUrl, null, "This Slack workspace is not connected to Compliance OS yet. Ask your Compliance OS admin for an install link.", replaceOriginal: false, ct);
            return;
        }

        var identity = await ResolveAsync(w, user, id, ct);
        if (identity?.User is null)
        {
            await delivery.RespondAsync(responseUrl, conversation.NoAccess(), null, replaceOriginal: false, ct);
            return;
        }

        var text = SlackText.Decode(SlackJson.String(form, "text") ?? string.Empty).Trim();
        if (text.StartsWith("ask ", StringComparison.OrdinalIgnoreCase))
        {
            // "/compliance ask …" is always a question, however it is phrased.
            text = text[4..].Trim();
            text = text.EndsWith('?') ? text : text + "?";
        }

        var reply = await conversation.AnswerAsync(identity, text.Length == 0 ? "help" : text, id, user, ct);
        await delivery.RespondAsync(responseUrl, reply.Card, reply.Text, replaceOriginal: false, ct);
    }

    /// <summary>
    /// A workflow click replaces the card it was on (so the old buttons are gone); "show this obligation" opens a new
    /// message. Clicks in App Home answer in the person's DM and refresh the Home tab.
    /// </summary>
    private async Task ShowResultAsync(SlackWorkspace w, string user, string verb, Card card, JsonElement? container, string? responseUrl, CancellationToken ct)
    {
        var inPlace = ConversationCore.ReplacesCard(verb);
        var type = container is { } c ? SlackJson.String(c, "type") : null;
        if (type == "message" && container is { } m)
        {
            var channel = SlackJson.String(m, "channel_id");
            var ts = SlackJson.String(m, "message_ts");
            var ephemeral = m.TryGetProperty("is_ephemeral", out var e) && e.ValueKind == JsonValueKind.True;
            if (ephemeral && responseUrl is not null)
            {
                await delivery.RespondAsync(responseUrl, card, null, replaceOriginal: inPlace, ct);
                return;
            }

            if (inPlace && channel is not null && ts is not null && await delivery.UpdateAsync(w, channel, ts, card, ct))
            {
                return;
            }

            if (channel is not null)
            {
                await delivery.PostAsync(w, channel, card, null, ct);
                return;
            }
        }

        await PostToDmAsync(w, user, card, ct);
        if (type == "view" && inPlace && await workspaces.FindAsync(w.TeamId, ct) is not null)
        {
            var identity = await ResolveAsync(w, user, null, ct);
            if (identity?.User is not null)
            {
                var home = (await conversation.AnswerAsync(identity, "my tasks", null, user, ct)).Card ?? conversation.Welcome(identity.User.Name);
                await slack.PublishHomeAsync(w.BotToken, user, BlockKitRenderer.RenderHome(home), ct);
            }
        }
    }

    private async Task PostToDmAsync(SlackWorkspace w, string user, Card card, CancellationToken ct)
    {
        var dm = await slack.OpenConversationAsync(w.BotToken, user, ct);
        if (dm.Ok)
        {
            await delivery.PostAsync(w, dm.Value, card, null, ct);
        }
    }

    private Task<ResolvedIdentity?> ResolveAsync(SlackWorkspace w, string user, string? correlationId, CancellationToken ct) =>
        identities.ResolveAsync(w.TeamId, user, async token =>
        {
            var info = await slack.UserInfoAsync(w.BotToken, user, token);
            return info.Ok && !info.Value.IsBot && !info.Value.Deleted ? info.Value.Email : null;
        }, correlationId, ct);

    private static Card Unavailable() => new([new TextBlock("That obligation is not available to you, or the button is no longer valid. Send \"my tasks\" to see what is.")])
    {
        Title = "Not available",
    };

    private static JsonElement ToElement(IReadOnlyDictionary<string, string> data, IReadOnlyDictionary<string, string>? inputs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in data)
        {
            o[k] = v;
        }

        foreach (var (k, v) in inputs ?? new Dictionary<string, string>())
        {
            // Inputs never overwrite the button's own data (its instance id and version).
            o.TryAdd(k, v);
        }

        return JsonSerializer.SerializeToElement(o);
    }

    [GeneratedRegex("<@[A-Z0-9]+(\\|[^>]*)?>")]
    private static partial Regex Mention();

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Slack delivery {DeliveryId} from workspace {TeamId}, which is not connected: ignored")]
    private static partial void LogUnknownWorkspace(ILogger logger, string teamId, string deliveryId);
}
