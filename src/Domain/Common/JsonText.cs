using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComplianceOs.Domain.Common;

/// <summary>Compares JSON texts by value (jsonb reorders keys and spacing, so text equality is not enough).</summary>
public static class JsonText
{
    public static bool Equivalent(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a == b;
        }

        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (JsonException)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }
    }
}
