using System.Text.Json;
using System.Text.RegularExpressions;
using ComplianceOs.BotHost.Teams.Protocol;

namespace ComplianceOs.BotHost.Teams;

/// <summary>What a person typed, without the bot's @mention, markup or extra whitespace.</summary>
public static partial class TeamsText
{
    public static string Clean(Activity a)
    {
        var text = a.Text ?? string.Empty;
        foreach (var mention in a.Entities ?? [])
        {
            if (mention.ValueKind == JsonValueKind.Object
                && mention.TryGetProperty("type", out var type) && type.GetString() == "mention"
                && mention.TryGetProperty("mentioned", out var who) && who.TryGetProperty("id", out var id) && id.GetString() == a.Recipient?.Id)
            {
                var mentionText = mention.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
                    ? t.GetString()!
                    : $"<at>{(who.TryGetProperty("name", out var n) ? n.GetString() : string.Empty)}</at>";
                text = text.Replace(mentionText, string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
