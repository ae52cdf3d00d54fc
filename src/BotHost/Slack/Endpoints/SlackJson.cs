using System.Text.Json;

namespace ComplianceOs.BotHost.Slack.Endpoints;

/// <summary>Small readers for Slack payloads that never throw on a missing or mistyped field.</summary>
internal static partial class SlackJson
{
    /// <summary>
    /// Slack's ids (team, user, event, trigger) are letters, digits and dots; anything else — a control character, a
    /// 2 KB string — is a forged or broken request, refused before it reaches the inbox.
    /// </summary>
    public static bool IsId(string? value) => value is { Length: > 0 and <= 100 } && IdShape().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9._-]+\z")]
    private static partial System.Text.RegularExpressions.Regex IdShape();

    public static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement? Object(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    /// <summary>The workspace an Events API callback is for: the installation's team, else the envelope's.</summary>
    public static string? TeamOf(JsonElement root) =>
        FirstAuthorization(root) is { } a && String(a, "team_id") is { Length: > 0 } t ? t : String(root, "team_id");

    /// <summary>The bot's own user id in that workspace, from the callback's authorization.</summary>
    public static string? BotUserOf(JsonElement root) =>
        FirstAuthorization(root) is { } a && a.TryGetProperty("is_bot", out var isBot) && isBot.ValueKind == JsonValueKind.True ? String(a, "user_id") : null;

    private static JsonElement? FirstAuthorization(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("authorizations", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
            ? list[0]
            : null;
}
