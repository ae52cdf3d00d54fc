using System.Text.Json.Nodes;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Cards.BlockKit;
using ComplianceOs.BotHost.Slack.Api;
using ComplianceOs.BotHost.Slack.Workspaces;

namespace ComplianceOs.BotHost.Slack.Turns;

/// <summary>
/// Puts a reply in front of a person in Slack: as messages in a DM, ephemeral in a channel (entity data never goes
/// into a channel), through a command's <c>response_url</c>, or in place of the message a button was on. A card too
/// long for one message goes out as several, in order.
/// </summary>
public sealed partial class SlackDelivery(SlackApiClient slack, ILogger<SlackDelivery> logger)
{
    public async Task<SlackMessageRef?> PostAsync(SlackWorkspace w, string channel, Card? card, string? text, CancellationToken ct)
    {
        SlackMessageRef? first = null;
        foreach (var (fallback, blocks) in Pages(card, text))
        {
            var sent = await slack.PostMessageAsync(w.BotToken, channel, fallback, blocks, null, ct);
            if (!sent.Ok)
            {
                LogFailed(logger, "chat.postMessage", w.TeamId, channel, sent.Error);
                return first;
            }

            first ??= sent.Value;
        }

        return first;
    }

    public async Task EphemeralAsync(SlackWorkspace w, string channel, string user, Card? card, string? text, CancellationToken ct)
    {
        foreach (var (fallback, blocks) in Pages(card, text))
        {
            var sent = await slack.PostEphemeralAsync(w.BotToken, channel, user, fallback, blocks, ct);
            if (!sent.Ok)
            {
                LogFailed(logger, "chat.postEphemeral", w.TeamId, channel, sent.Error);
                return;
            }
        }
    }

    /// <param name="replaceOriginal">Replace the message the interaction came from (ephemeral messages cannot be updated otherwise).</param>
    public async Task RespondAsync(string responseUrl, Card? card, string? text, bool replaceOriginal, CancellationToken ct)
    {
        var first = true;
        foreach (var (fallback, blocks) in Pages(card, text))
        {
            var body = new JsonObject { ["response_type"] = "ephemeral", ["text"] = fallback, ["blocks"] = blocks };
            if (first && replaceOriginal)
            {
                body["replace_original"] = true;
            }

            first = false;
            var sent = await slack.PostToResponseUrlAsync(responseUrl, body, ct);
            if (!sent.Ok)
            {
                LogFailed(logger, "response_url", string.Empty, string.Empty, sent.Error);
                return;
            }
        }
    }

    /// <summary>Replaces a message the bot posted (the first page of the card; further pages follow as new messages).</summary>
    public async Task<bool> UpdateAsync(SlackWorkspace w, string channel, string ts, Card card, CancellationToken ct)
    {
        var pages = Pages(card, null);
        var updated = await slack.UpdateAsync(w.BotToken, channel, ts, pages[0].Text, pages[0].Blocks, ct);
        if (!updated.Ok)
        {
            LogFailed(logger, "chat.update", w.TeamId, channel, updated.Error);
            return false;
        }

        foreach (var (fallback, blocks) in pages.Skip(1))
        {
            await slack.PostMessageAsync(w.BotToken, channel, fallback, blocks, null, ct);
        }

        return true;
    }

    private static List<(string Text, JsonArray Blocks)> Pages(Card? card, string? text)
    {
        if (card is null)
        {
            var plain = text ?? string.Empty;
            return [(plain, [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = plain.Length > 3000 ? plain[..3000] : plain } }])];
        }

        return BlockKitRenderer.RenderMessages(card).Select(m => (m.Text, m.Blocks)).ToList();
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Slack {Method} failed in workspace {TeamId} channel {Channel}: {Error}")]
    private static partial void LogFailed(ILogger logger, string method, string teamId, string channel, string? error);
}
