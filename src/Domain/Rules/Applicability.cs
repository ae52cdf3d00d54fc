using System.Text.Json;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Entities.Identifiers;

namespace ComplianceOs.Domain.Rules;

/// <summary>
/// When an obligation applies to an entity. JSON object; every key present must hold (an empty object applies to all):
/// <code>
/// { "entityKinds": ["PrivateLimited", "PublicLimited"],   // any of these kinds
///   "gstRegime": "Monthly" | "Qrmp",                       // the principal GSTIN's regime (implies a GSTIN)
///   "requires": ["gst", "tan", "pf", "esi", "taxAudit", "transferPricing", "depositsOrLoans", "msmePayables"],
///   "professionalTaxState": "27",                          // registered for professional tax in this state
///   "minTurnoverCrore": 2 }                                // turnover above this; an unknown turnover counts as above
/// </code>
/// </summary>
public sealed record Applicability(
    IReadOnlyList<EntityKind>? EntityKinds,
    GstRegime? GstRegime,
    IReadOnlyList<string> Requires,
    string? ProfessionalTaxState,
    decimal? MinTurnoverCrore)
{
    public static readonly IReadOnlyList<string> Requirements =
        ["gst", "tan", "pf", "esi", "taxAudit", "transferPricing", "depositsOrLoans", "msmePayables"];

    public static Applicability Always { get; } = new(null, null, [], null, null);

    public bool AppliesTo(EntityFacts e) =>
        (EntityKinds is null || EntityKinds.Contains(e.Kind))
        && (GstRegime is null || e.GstRegime == GstRegime)
        && Requires.All(r => Has(e, r))
        && (ProfessionalTaxState is null || e.ProfessionalTaxStates.Contains(ProfessionalTaxState))
        && (MinTurnoverCrore is null || e.TurnoverCrore is null || e.TurnoverCrore > MinTurnoverCrore);

    private static bool Has(EntityFacts e, string requirement) => requirement switch
    {
        "gst" => e.HasGst,
        "tan" => e.HasTan,
        "pf" => e.Pf,
        "esi" => e.Esi,
        "taxAudit" => e.TaxAudit,
        "transferPricing" => e.TransferPricing,
        "depositsOrLoans" => e.DepositsOrLoans,
        "msmePayables" => e.MsmePayables,
        _ => false,
    };

    /// <summary>Parses and validates; problems are named by their JSON path under <paramref name="field"/>.</summary>
    public static Applicability? Parse(string? json, string field, Validation v)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Always;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return Parse(doc.RootElement, field, v);
        }
        catch (JsonException ex)
        {
            v.Add(field, $"is not valid JSON ({ex.Message})");
            return null;
        }
    }

    internal static Applicability? Parse(JsonElement e, string field, Validation v)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            v.Add(field, "must be a JSON object");
            return null;
        }

        var errors = v.Errors.Count;
        List<EntityKind>? kinds = null;
        GstRegime? regime = null;
        var requires = new List<string>();
        string? ptState = null;
        decimal? minTurnover = null;
        foreach (var p in e.EnumerateObject())
        {
            var path = $"{field}.{p.Name}";
            switch (p.Name)
            {
                case "entityKinds":
                    kinds = [];
                    foreach (var (item, i) in Json.Strings(p.Value, path, v))
                    {
                        if (Enum.TryParse<EntityKind>(item, out var k) && !int.TryParse(item, out _))
                        {
                            kinds.Add(k);
                        }
                        else
                        {
                            v.Add($"{path}[{i}]", $"'{item}' is not one of {string.Join(", ", Enum.GetNames<EntityKind>())}");
                        }
                    }

                    break;
                case "gstRegime":
                    if (p.Value.ValueKind == JsonValueKind.String && Enum.TryParse<GstRegime>(p.Value.GetString(), out var r) && !int.TryParse(p.Value.GetString(), out _))
                    {
                        regime = r;
                    }
                    else
                    {
                        v.Add(path, "must be \"Monthly\" or \"Qrmp\"");
                    }

                    break;
                case "requires":
                    foreach (var (item, i) in Json.Strings(p.Value, path, v))
                    {
                        if (Requirements.Contains(item))
                        {
                            requires.Add(item);
                        }
                        else
                        {
                            v.Add($"{path}[{i}]", $"'{item}' is not one of {string.Join(", ", Requirements)}");
                        }
                    }

                    break;
                case "professionalTaxState":
                    if (p.Value.ValueKind == JsonValueKind.String && IndianStates.IsKnownCode(p.Value.GetString()!))
                    {
                        ptState = p.Value.GetString();
                    }
                    else
                    {
                        v.Add(path, "must be a two-digit GST state code such as \"27\"");
                    }

                    break;
                case "minTurnoverCrore":
                    if (p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDecimal() >= 0)
                    {
                        minTurnover = p.Value.GetDecimal();
                    }
                    else
                    {
                        v.Add(path, "must be a non-negative number (crore rupees)");
                    }

                    break;
                default:
                    v.Add(path, "is not a known condition (entityKinds, gstRegime, requires, professionalTaxState, minTurnoverCrore)");
                    break;
            }
        }

        return v.Errors.Count > errors ? null : new Applicability(kinds, regime, requires, ptState, minTurnover);
    }
}
