namespace ComplianceOs.BotHost.Slack.Turns;

/// <summary>Slack sends message text with <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped; the parser wants what was typed.</summary>
internal static class SlackText
{
    public static string Decode(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
}
