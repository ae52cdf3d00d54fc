using System.Text.Json;
using ComplianceOs.Domain.Common;

namespace ComplianceOs.Domain.Rules;

/// <summary>Small readers for rule JSON that report problems by path instead of throwing.</summary>
internal static class Json
{
    public static IEnumerable<(string Value, int Index)> Strings(JsonElement e, string path, Validation v)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            v.Add(path, "must be an array of strings");
            yield break;
        }

        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                yield return (item.GetString()!, i);
            }
            else
            {
                v.Add($"{path}[{i}]", "must be a string");
            }

            i++;
        }
    }

    public static int? Int(JsonElement e, string name, string path, Validation v, int min, int max, bool required = true)
    {
        if (!e.TryGetProperty(name, out var p))
        {
            if (required)
            {
                v.Add($"{path}.{name}", "is required");
            }

            return null;
        }

        if (p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var value) && value >= min && value <= max)
        {
            return value;
        }

        v.Add($"{path}.{name}", $"must be a whole number from {min} to {max}");
        return null;
    }

    public static string? String(JsonElement e, string name, string path, Validation v, bool required = true)
    {
        if (!e.TryGetProperty(name, out var p))
        {
            if (required)
            {
                v.Add($"{path}.{name}", "is required");
            }

            return null;
        }

        if (p.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(p.GetString()))
        {
            return p.GetString();
        }

        v.Add($"{path}.{name}", "must be a non-empty string");
        return null;
    }

    public static void OnlyKnown(JsonElement e, string path, Validation v, params string[] known)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (!known.Contains(p.Name))
            {
                v.Add($"{path}.{p.Name}", $"is not a known field here ({string.Join(", ", known)})");
            }
        }
    }
}
