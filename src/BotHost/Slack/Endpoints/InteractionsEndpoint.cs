using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceOs.BotHost.Cards.BlockKit;
using ComplianceOs.BotHost.Slack.Api;
using ComplianceOs.BotHost.Slack.Inbox;
using ComplianceOs.BotHost.Slack.Workspaces;
using ComplianceOs.Domain.Channels.Slack;
using Microsoft.AspNetCore.WebUtilities;

namespace ComplianceOs.BotHost.Slack.Endpoints;

/// <summary>
/// <c>POST /slack/interactions</c>. A button that needs an input (a reject's comment, a filing's reference) opens a
/// modal here, on the request path, because its <c>trigger_id</c> lasts 3 s; every other click, and a submitted
/// modal, goes to the inbox (keyed by the interaction's <c>trigger_id</c>) and is acknowledged at once. A modal with
/// an empty required field is answered with <c>response_action: errors</c> and stays open.
/// </summary>
internal static partial class InteractionsEndpoint
{
    public const string InputModal = "compliance_input";

    public static async Task<IResult> HandleAsync(HttpContext http, SlackInbox inbox, SlackInboxSignal signal, SlackWorkspaces workspaces, SlackApiClient slack, ILogger<SlackInboxWorker> logger, CancellationToken ct)
    {
        var (body, refusal) = await SignedSlackRequest.ReadAsync(http, ct);
        if (body is null)
        {
            return refusal!;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        JsonElement payload;
        try
        {
            using var doc = JsonDocument.Parse(form.TryGetValue("payload", out var p) ? p.ToString() : string.Empty);
            payload = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The interaction has no JSON payload.");
        }

        var team = SlackJson.Object(payload, "team") is { } t ? SlackJson.String(t, "id") : SlackJson.Object(payload, "user") is { } u ? SlackJson.String(u, "team_id") : null;
        var trigger = SlackJson.String(payload, "trigger_id");
        if (string.IsNullOrEmpty(team) || string.IsNullOrEmpty(trigger))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The interaction has no team or trigger_id.");
        }

        if (!SlackJson.IsId(team) || !SlackJson.IsId(trigger))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The interaction's team or trigger_id is not a Slack id.");
        }

        switch (SlackJson.String(payload, "type"))
        {
            case "block_actions":
                return await ActionAsync(payload, team, trigger, inbox, signal, workspaces, slack, logger, ct);
            case "view_submission" when SlackJson.Object(payload, "view") is { } view && SlackJson.String(view, "callback_id") == InputModal:
                if (MissingRequired(view) is { Count: > 0 } errors)
                {
                    return Results.Json(new { response_action = "errors", errors });
                }

                await EnqueueAsync(inbox, signal, "s:" + trigger, SlackInboxKind.Submission, team, payload, ct);
                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    private static async Task<IResult> ActionAsync(JsonElement payload, string team, string trigger, SlackInbox inbox, SlackInboxSignal signal, SlackWorkspaces workspaces, SlackApiClient slack, ILogger logger, CancellationToken ct)
    {
        var action = payload.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array && actions.GetArrayLength() > 0 ? actions[0] : default;
        if (action.ValueKind != JsonValueKind.Object
            || !BlockKitRenderer.TryReadButtonValue(SlackJson.String(action, "value"), out var verb, out var data, out var inputs))
        {
            // Not one of our buttons (or a link button): nothing to do, but Slack must still get its 200.
            return Results.Ok();
        }

        if (inputs.Count == 0)
        {
            await EnqueueAsync(inbox, signal, "a:" + trigger, SlackInboxKind.Action, team, payload, ct);
            return Results.Ok();
        }

        var workspace = await workspaces.FindAsync(team, ct);
        if (workspace is null)
        {
            return Results.Ok();
        }

        var container = SlackJson.Object(payload, "container");
        var metadata = new JsonObject
        {
            ["v"] = verb,
            ["d"] = new JsonObject(data.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
            ["ch"] = container is { } c ? SlackJson.String(c, "channel_id") : null,
            ["ts"] = container is { } c2 ? SlackJson.String(c2, "message_ts") : null,
        };
        var modal = BlockKitRenderer.RenderInputModal(InputModal, TitleOf(verb), "Send", inputs, metadata.ToJsonString());
        var opened = await slack.OpenViewAsync(workspace.BotToken, trigger, modal, ct);
        if (!opened.Ok)
        {
            LogModalFailed(logger, team, opened.Error);
        }

        return Results.Ok();
    }

    private static string TitleOf(string verb) => verb switch
    {
        "reject" => "Reject",
        "file" => "Record filing",
        _ => "Details",
    };

    /// <summary>Input blocks the modal marks required (not <c>optional</c>) whose value is empty, keyed by block id.</summary>
    private static Dictionary<string, string> MissingRequired(JsonElement view)
    {
        var errors = new Dictionary<string, string>();
        if (!view.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Array)
        {
            return errors;
        }

        var values = SlackJson.Object(view, "state") is { } state ? SlackJson.Object(state, "values") : null;
        foreach (var block in blocks.EnumerateArray())
        {
            if (SlackJson.String(block, "type") != "input" || (block.TryGetProperty("optional", out var optional) && optional.ValueKind == JsonValueKind.True))
            {
                continue;
            }

            var id = SlackJson.String(block, "block_id") ?? string.Empty;
            var value = values is { } v && SlackJson.Object(v, id) is { } byAction
                ? byAction.EnumerateObject().Select(a => SlackJson.String(a.Value, "value")).FirstOrDefault(x => x is not null)
                : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                var label = SlackJson.Object(block, "label") is { } l ? SlackJson.String(l, "text") : null;
                errors[id] = $"Please fill in {(label ?? "this field").ToLowerInvariant()}.";
            }
        }

        return errors;
    }

    private static async Task EnqueueAsync(SlackInbox inbox, SlackInboxSignal signal, string id, SlackInboxKind kind, string team, JsonElement payload, CancellationToken ct)
    {
        if (await inbox.AddAsync(id, kind, team, payload.GetRawText(), ct))
        {
            signal.Notify();
        }
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Slack modal not opened in workspace {TeamId}: {Error}")]
    private static partial void LogModalFailed(ILogger logger, string teamId, string? error);
}
