using System.Text;
using System.Text.Json;
using ComplianceOs.BotHost.Slack.Inbox;
using ComplianceOs.Domain.Channels.Slack;
using Microsoft.AspNetCore.WebUtilities;

namespace ComplianceOs.BotHost.Slack.Endpoints;

/// <summary>
/// <c>POST /slack/commands</c>: <c>/compliance …</c> goes to the inbox (keyed by its <c>trigger_id</c>) and is
/// acknowledged with an empty 200; the answer follows through the command's <c>response_url</c>, ephemeral, so entity
/// data typed in a channel is seen only by the person who asked.
/// </summary>
internal static class CommandsEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, SlackInbox inbox, SlackInboxSignal signal, CancellationToken ct)
    {
        var (body, refusal) = await SignedSlackRequest.ReadAsync(http, ct);
        if (body is null)
        {
            return refusal!;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        var team = Field("team_id");
        var trigger = Field("trigger_id");
        if (string.IsNullOrEmpty(team) || string.IsNullOrEmpty(trigger) || string.IsNullOrEmpty(Field("user_id")) || string.IsNullOrEmpty(Field("response_url")))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The slash command has no team_id, user_id, trigger_id or response_url.");
        }

        if (!SlackJson.IsId(team) || !SlackJson.IsId(trigger))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The slash command's team_id or trigger_id is not a Slack id.");
        }

        var payload = JsonSerializer.Serialize(form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()));
        if (await inbox.AddAsync("c:" + trigger, SlackInboxKind.Command, team, payload, ct))
        {
            signal.Notify();
        }

        return Results.Ok();
    }
}
