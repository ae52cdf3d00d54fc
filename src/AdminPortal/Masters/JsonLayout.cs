using System.Text.Json;

namespace ComplianceOs.AdminPortal.Masters;

/// <summary>Stored JSON (jsonb hands it back on one line) laid out for reading and editing in a textarea.</summary>
public static class JsonLayout
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Indent(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return string.Empty;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(doc.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
