using System.Text;
using System.Text.Json;
using ComplianceOs.BotHost.Slack.Inbox;
using ComplianceOs.Domain.Channels.Slack;

namespace ComplianceOs.BotHost.Slack.Endpoints;

/// <summary>
/// <c>POST /slack/events</c>: answers <c>url_verification</c>, and puts the events we act on into the inbox and
/// acknowledges at once — the work happens in the worker, so Slack never waits past its 3 s and never retries for
/// our sake. A retried or duplicated event (same <c>event_id</c>) is acknowledged and changes nothing.
/// </summary>
internal static class EventsEndpoint
{
    private static readonly HashSet<string> Handled = ["message", "app_mention", "app_home_opened", "app_uninstalled", "tokens_revoked"];

    public static async Task<IResult> HandleAsync(HttpContext http, SlackInbox inbox, SlackInboxSignal signal, CancellationToken ct)
    {
        var (body, refusal) = await SignedSlackRequest.ReadAsync(http, ct);
        if (body is null)
        {
            return refusal!;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The body is not JSON.");
        }

        using var parsed = doc;
        var root = doc.RootElement;

        var type = SlackJson.String(root, "type");
        if (type == "url_verification")
        {
            return SlackJson.String(root, "challenge") is { Length: > 0 } challenge
                ? Results.Json(new { challenge })
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "url_verification without a challenge.");
        }

        if (type != "event_callback")
        {
            return Results.Ok();
        }

        var eventId = SlackJson.String(root, "event_id");
        var team = SlackJson.TeamOf(root);
        if (string.IsNullOrEmpty(eventId) || string.IsNullOrEmpty(team) || !root.TryGetProperty("event", out var e) || e.ValueKind != JsonValueKind.Object)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The event callback has no event_id, team or event.");
        }

        if (!SlackJson.IsId(eventId) || !SlackJson.IsId(team))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The event callback's event_id or team is not a Slack id.");
        }

        if (!IsForUs(e, root))
        {
            return Results.Ok();
        }

        if (await inbox.AddAsync(eventId, SlackInboxKind.Event, team, Encoding.UTF8.GetString(body), ct))
        {
            signal.Notify();
        }

        return Results.Ok();
    }

    /// <summary>What the bot answers: people's DMs and mentions (never a bot's, never its own), and App Home opening.</summary>
    private static bool IsForUs(JsonElement e, JsonElement root)
    {
        var type = SlackJson.String(e, "type");
        if (type is null || !Handled.Contains(type))
        {
            return false;
        }

        if (type is "app_uninstalled" or "tokens_revoked")
        {
            return true;
        }

        if (type == "app_home_opened")
        {
            return SlackJson.String(e, "tab") is null or "home";
        }

        if (e.TryGetProperty("bot_id", out _) || SlackJson.String(e, "user") is not { Length: > 0 } user || user == SlackJson.BotUserOf(root))
        {
            return false;
        }

        var subtype = SlackJson.String(e, "subtype");
        if (subtype is not null && subtype != "file_share")
        {
            // Edits, deletions, joins and other system messages are not requests.
            return false;
        }

        // message.im only: channel messages reach us as app_mention.
        return type == "app_mention" || SlackJson.String(e, "channel_type") == "im";
    }
}
