using System.Text.Json;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Rules;

namespace ComplianceOs.Domain.Masters.LateFees;

/// <summary>Reads and validates the <c>lateFee</c> JSON of a master (format in docs/rules.md).</summary>
public static class LateFeeRuleParser
{
    public static LateFeeRule? Parse(string? json, Validation v, string path)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            v.Add(path, "is not valid JSON");
            return null;
        }

        using (doc)
        {
            return Parse(doc.RootElement, v, path);
        }
    }

    public static LateFeeRule? Parse(JsonElement e, Validation v, string path)
    {
        if (e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            v.Add(path, "must be an object with bands");
            return null;
        }

        var errors = v.Errors.Count;
        Json.OnlyKnown(e, path, v, "bands", "note");
        var note = Json.String(e, "note", path, v, required: false);
        if (!e.TryGetProperty("bands", out var bandsJson) || bandsJson.ValueKind != JsonValueKind.Array || bandsJson.GetArrayLength() == 0)
        {
            v.Add($"{path}.bands", "must be a non-empty array");
            return null;
        }

        var bands = new List<LateFeeBand>();
        var i = 0;
        foreach (var b in bandsJson.EnumerateArray())
        {
            var at = $"{path}.bands[{i++}]";
            if (b.ValueKind != JsonValueKind.Object)
            {
                v.Add(at, "must be an object");
                continue;
            }

            Json.OnlyKnown(b, at, v, "turnoverUpToCrore", "perDay", "flat", "cap", "capPercentOfTurnover");
            var band = new LateFeeBand(
                Amount(b, "turnoverUpToCrore", at, v),
                Amount(b, "perDay", at, v),
                Amount(b, "flat", at, v),
                Amount(b, "cap", at, v),
                Amount(b, "capPercentOfTurnover", at, v, max: 100));
            if (band.PerDay is null == band.Flat is null)
            {
                v.Add(at, "needs exactly one of perDay and flat");
            }

            bands.Add(band);
        }

        for (var k = 0; k < bands.Count; k++)
        {
            var last = k == bands.Count - 1;
            if (last != (bands[k].TurnoverUpToCrore is null))
            {
                v.Add($"{path}.bands[{k}].turnoverUpToCrore", last ? "must be absent on the last band (any turnover)" : "is required on every band but the last");
            }
            else if (k > 0 && !last && bands[k].TurnoverUpToCrore <= bands[k - 1].TurnoverUpToCrore)
            {
                v.Add($"{path}.bands[{k}].turnoverUpToCrore", "must be larger than the band before");
            }
        }

        return v.Errors.Count > errors ? null : new LateFeeRule(bands, note);
    }

    private static decimal? Amount(JsonElement e, string name, string path, Validation v, decimal max = 100_000_000m)
    {
        if (!e.TryGetProperty(name, out var p))
        {
            return null;
        }

        if (p.ValueKind != JsonValueKind.Number || !p.TryGetDecimal(out var value) || value <= 0 || value > max)
        {
            v.Add($"{path}.{name}", $"must be a number above 0 and at most {max:0.##}");
            return null;
        }

        return value;
    }
}
