using System.Text.Json;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Rules;

namespace ComplianceOs.Domain.Masters.Catalog;

/// <summary>
/// Reads the global catalog shipped as <c>catalog.json</c> (an embedded resource; format in docs/rules.md) and
/// validates every entry with the same parser that validates rules on save. Shipped data that does not validate is
/// a bug, so <see cref="Load"/> throws naming every bad field.
/// </summary>
public static class CatalogLoader
{
    private static readonly Lazy<IReadOnlyList<CatalogEntry>> Shipped = new(() => Parse(ReadResource()));

    public static IReadOnlyList<CatalogEntry> Load() => Shipped.Value;

    public static IReadOnlyList<CatalogEntry> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var v = new Validation();
        var entries = new List<CatalogEntry>();
        var i = 0;
        foreach (var e in doc.RootElement.GetProperty("masters").EnumerateArray())
        {
            var path = $"masters[{i++}]";
            if (ParseEntry(e, path, v) is { } entry)
            {
                entries.Add(entry);
            }
        }

        var codes = entries.Select(x => x.Code).ToHashSet();
        foreach (var entry in entries)
        {
            foreach (var dep in entry.DependsOn.Where(d => !codes.Contains(d)))
            {
                v.Add($"{entry.Code}.dependsOn", $"'{dep}' is not a code in the catalog");
            }
        }

        foreach (var dup in entries.GroupBy(x => x.Code).Where(g => g.Count() > 1))
        {
            v.Add($"{dup.Key}.code", "is used twice");
        }

        if (v.HasErrors)
        {
            throw new InvalidOperationException("The compliance catalog is invalid: " + string.Join("; ", v.Errors.Select(x => x.Message)));
        }

        return entries;
    }

    private static CatalogEntry? ParseEntry(JsonElement e, string path, Validation v)
    {
        var errors = v.Errors.Count;
        var code = Json.String(e, "code", path, v) ?? "?";
        path = $"{path}({code})";
        Json.OnlyKnown(
            e, path, v, "code", "name", "category", "authority", "frequency", "ruleText", "dueDateRule", "applicability", "dependsOn",
            "workflowSteps", "defaultOwnerRole", "defaultApproverRole", "evidenceKinds", "checklist", "penalty", "lateFee", "legalBasis", "sources", "confidence", "confidenceNote");
        var name = Json.String(e, "name", path, v);
        var category = EnumOf<ComplianceCategory>(e, "category", path, v);
        var frequency = EnumOf<ComplianceFrequency>(e, "frequency", path, v);
        var confidence = EnumOf<RuleConfidence>(e, "confidence", path, v);
        var ruleJson = e.TryGetProperty("dueDateRule", out var r) ? r.GetRawText() : null;
        var rule = frequency is { } f ? DueDateRuleParser.Parse(ruleJson, f, v, $"{path}.dueDateRule") : null;
        var applicabilityJson = e.TryGetProperty("applicability", out var a) ? a.GetRawText() : "{}";
        var applicability = Applicability.Parse(applicabilityJson, $"{path}.applicability", v);
        var owner = Json.String(e, "defaultOwnerRole", path, v, required: false) ?? nameof(UserRole.Owner);
        var approver = Json.String(e, "defaultApproverRole", path, v, required: false) ?? nameof(UserRole.Approver);
        foreach (var (field, role) in new[] { ("defaultOwnerRole", owner), ("defaultApproverRole", approver) })
        {
            if (!Enum.TryParse<UserRole>(role, out _))
            {
                v.Add($"{path}.{field}", $"'{role}' is not a role");
            }
        }

        var lateFeeJson = e.TryGetProperty("lateFee", out var lf) && lf.ValueKind != JsonValueKind.Null ? lf.GetRawText() : null;
        var lateFee = lateFeeJson is null ? null : LateFees.LateFeeRuleParser.Parse(lf, v, $"{path}.lateFee");
        var entry = new CatalogEntry(
            code,
            name ?? string.Empty,
            category ?? default,
            Json.String(e, "authority", path, v) ?? string.Empty,
            frequency ?? default,
            Json.String(e, "ruleText", path, v) ?? string.Empty,
            ruleJson ?? "{}",
            rule!,
            applicabilityJson,
            applicability!,
            List(e, "dependsOn", path, v),
            List(e, "workflowSteps", path, v, required: true),
            owner,
            approver,
            List(e, "evidenceKinds", path, v, required: true),
            List(e, "checklist", path, v, required: true),
            Json.String(e, "penalty", path, v) ?? string.Empty,
            lateFeeJson,
            lateFee,
            Json.String(e, "legalBasis", path, v) ?? string.Empty,
            List(e, "sources", path, v, required: true),
            confidence ?? default,
            e.TryGetProperty("confidenceNote", out var cn) && cn.ValueKind == JsonValueKind.String ? cn.GetString() : null);
        return v.Errors.Count > errors ? null : entry;
    }

    private static IReadOnlyList<string> List(JsonElement e, string name, string path, Validation v, bool required = false)
    {
        if (!e.TryGetProperty(name, out var p))
        {
            if (required)
            {
                v.Add($"{path}.{name}", "is required");
            }

            return [];
        }

        var items = Json.Strings(p, $"{path}.{name}", v).Select(x => x.Value).ToList();
        if (required && items.Count == 0)
        {
            v.Add($"{path}.{name}", "must not be empty");
        }

        return items;
    }

    private static T? EnumOf<T>(JsonElement e, string name, string path, Validation v)
        where T : struct, Enum
    {
        var text = Json.String(e, name, path, v);
        if (text is null)
        {
            return null;
        }

        if (Enum.TryParse<T>(text, out var value) && !int.TryParse(text, out _))
        {
            return value;
        }

        v.Add($"{path}.{name}", $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
        return null;
    }

    private static string ReadResource()
    {
        using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream("ComplianceOs.Domain.Masters.Catalog.catalog.json")
            ?? throw new InvalidOperationException("catalog.json is not embedded in ComplianceOs.Domain");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
