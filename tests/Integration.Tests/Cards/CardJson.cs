using System.Text.Json.Nodes;

namespace ComplianceOs.Integration.Tests.Cards;

/// <summary>Walks rendered card JSON so tests can assert on nodes instead of text.</summary>
internal static class CardJson
{
    /// <summary>Every object in the tree, depth first, the root included.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, child) in obj)
                {
                    foreach (var nested in Objects(child))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var nested in Objects(child))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }

    /// <summary>Objects whose "type" is the given Adaptive Card type.</summary>
    public static IEnumerable<JsonObject> OfType(JsonNode root, string type) =>
        Objects(root).Where(o => o["type"] is JsonValue v && v.TryGetValue<string>(out var t) && t == type);

    /// <summary>Re-parses serialized JSON, as a receiver would.</summary>
    public static JsonObject Reparse(string json) => JsonNode.Parse(json)!.AsObject();

    public static string Str(JsonNode? node) => node!.GetValue<string>();
}
