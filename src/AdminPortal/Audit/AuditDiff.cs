using System.Text.Json;

namespace ComplianceOs.AdminPortal.Audit;

/// <summary>One field of a snapshot before and after; null where the snapshot (or the field) is absent.</summary>
public sealed record AuditDiffRow(string Field, string? Before, string? After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>
/// Lines up an entry's before and after snapshots field by field. Nested objects and lists are flattened to paths
/// (<c>gstins[0].gstin</c>), so a change deep inside shows as the one field that changed. JSON null shows as
/// <c>null</c>, a field missing on one side as absent.
/// </summary>
public static class AuditDiff
{
    public static IReadOnlyList<AuditDiffRow> Compare(string? beforeJson, string? afterJson)
    {
        var before = Flatten(beforeJson);
        var after = Flatten(afterJson);
        var fields = before.Keys.Concat(after.Keys.Where(k => !before.ContainsKey(k))).ToList();
        return fields.Select(f => new AuditDiffRow(f, before.GetValueOrDefault(f), after.GetValueOrDefault(f))).ToList();
    }

    /// <summary>A one-line account of what changed (of what was recorded, for an entry with one snapshot).</summary>
    public static string Summary(IReadOnlyList<AuditDiffRow> rows, int max = 3)
    {
        var changed = rows.Where(r => r.Changed).ToList();
        var shown = changed.Take(max).Select(r => r switch
        {
            { Before: null } => $"{r.Field}: {Short(r.After)}",
            { After: null } => $"{r.Field}: {Short(r.Before)} removed",
            _ => $"{r.Field}: {Short(r.Before)} → {Short(r.After)}",
        });
        var text = string.Join("; ", shown);
        return changed.Count > max ? $"{text}; +{changed.Count - max} more" : text;
    }

    private static string Short(string? value) => value is { Length: > 40 } ? value[..39] + "…" : value ?? string.Empty;

    private static Dictionary<string, string> Flatten(string? json)
    {
        // Insertion order is kept by Dictionary while nothing is removed: fields show in the snapshot's order.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return fields;
        }

        using var doc = JsonDocument.Parse(json);
        Walk(doc.RootElement, string.Empty, fields);
        return fields;
    }

    private static void Walk(JsonElement e, string path, Dictionary<string, string> fields)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object when e.EnumerateObject().Any():
                foreach (var p in e.EnumerateObject())
                {
                    Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}", fields);
                }

                break;
            case JsonValueKind.Array when e.GetArrayLength() > 0:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", fields);
                }

                break;
            case JsonValueKind.String:
                fields[Name(path)] = e.GetString()!;
                break;
            default:
                // As stored, so a number keeps its exact digits (no float round trip).
                fields[Name(path)] = e.GetRawText();
                break;
        }
    }

    private static string Name(string path) => path.Length == 0 ? "(value)" : path;
}
