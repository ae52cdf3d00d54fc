using System.Text.Json.Nodes;

namespace ComplianceOs.BotHost.Cards.BlockKit;

/// <summary>One Slack message (one page of a card): the <c>text</c> and <c>blocks</c> arguments of <c>chat.postMessage</c>.</summary>
/// <param name="Text">
/// Notification and accessibility fallback: never empty, at most 3000 characters, with Slack's control
/// characters already escaped, so it can be sent as <c>text</c> unchanged.
/// </param>
/// <param name="Blocks">At most 50 blocks, within every Block Kit limit that <see cref="BlockKitLimits"/> checks.</param>
public sealed record SlackMessage(string Text, JsonArray Blocks);
