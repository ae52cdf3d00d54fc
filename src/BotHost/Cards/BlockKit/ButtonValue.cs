using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComplianceOs.BotHost.Cards.BlockKit;

/// <summary>
/// The <c>value</c> of a Block Kit button: compact JSON <c>{"v": verb, "d": {data}, "in": [inputs]}</c>.
/// Slack echoes it in the <c>block_actions</c> payload, so the click handler needs nothing but the value.
/// </summary>
internal static class ButtonValue
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,

        // The value is never embedded in HTML; escaping non-ASCII would only eat into the 2000-character limit.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly IReadOnlyDictionary<string, string> NoData = new Dictionary<string, string>();

    /// <summary>Encodes the value; throws <see cref="InvalidOperationException"/> when it would exceed Slack's limit.</summary>
    public static string Encode(string verb, IReadOnlyDictionary<string, string> data, IReadOnlyList<ModalInput> inputs)
    {
        var d = new JsonObject();

        // Sorted so the same card always renders to the same JSON (stable snapshots and diffs).
        foreach (var (key, value) in data.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            ArgumentNullException.ThrowIfNull(value, key);
            d[key] = value;
        }

        var root = new JsonObject { ["v"] = verb, ["d"] = d };
        if (inputs.Count > 0)
        {
            var array = new JsonArray();
            foreach (var input in inputs)
            {
                array.Add(EncodeInput(input));
            }

            root["in"] = array;
        }

        var json = root.ToJsonString(Compact);
        if (json.Length > BlockKitLimits.MaxButtonValue)
        {
            // Data is ids only, so an oversize value is a bug in the card builder, not a user's doing.
            throw new InvalidOperationException(
                $"The button value for verb '{verb}' is {json.Length} characters; Slack allows {BlockKitLimits.MaxButtonValue}. Put ids, not content, in action data.");
        }

        return json;
    }

    /// <summary>Reads a value written by <see cref="Encode"/>; false (never an exception) for anything else.</summary>
    public static bool TryRead(
        string? value,
        out string verb,
        out IReadOnlyDictionary<string, string> data,
        out IReadOnlyList<ModalInput> inputs)
    {
        verb = string.Empty;
        data = NoData;
        inputs = [];
        if (string.IsNullOrEmpty(value) || value.Length > BlockKitLimits.MaxButtonValue)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(v.GetString()))
            {
                return false;
            }

            var readData = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("d", out var d))
            {
                if (d.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                foreach (var property in d.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        return false;
                    }

                    readData[property.Name] = property.Value.GetString()!;
                }
            }

            var readInputs = new List<ModalInput>();
            if (root.TryGetProperty("in", out var array))
            {
                if (array.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                foreach (var element in array.EnumerateArray())
                {
                    if (!TryReadInput(element, out var input))
                    {
                        return false;
                    }

                    readInputs.Add(input);
                }
            }

            verb = v.GetString()!;
            data = readData;
            inputs = readInputs;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonObject EncodeInput(ModalInput input)
    {
        // Only what differs from the defaults, to stay well inside the value limit.
        var node = new JsonObject { ["id"] = input.Id, ["label"] = input.Label };
        if (input.Required)
        {
            node["required"] = true;
        }

        if (input.Multiline)
        {
            node["multiline"] = true;
        }

        if (input.MaxLength is { } maxLength)
        {
            node["maxLength"] = maxLength;
        }

        if (input.Placeholder is not null)
        {
            node["placeholder"] = input.Placeholder;
        }

        return node;
    }

    private static bool TryReadInput(JsonElement element, out ModalInput input)
    {
        input = null!;
        if (element.ValueKind != JsonValueKind.Object
            || !TryString(element, "id", out var id) || string.IsNullOrWhiteSpace(id)
            || !TryString(element, "label", out var label) || string.IsNullOrWhiteSpace(label)
            || !TryBool(element, "required", out var required)
            || !TryBool(element, "multiline", out var multiline)
            || !TryString(element, "placeholder", out var placeholder))
        {
            return false;
        }

        int? maxLength = null;
        if (element.TryGetProperty("maxLength", out var max) && max.ValueKind != JsonValueKind.Null)
        {
            if (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out var parsed) || parsed <= 0)
            {
                return false;
            }

            maxLength = parsed;
        }

        input = new ModalInput(id!, label!, required, multiline, maxLength, placeholder);
        return true;
    }

    /// <summary>False only when the property is present with a non-string value; absent or null gives null.</summary>
    private static bool TryString(JsonElement element, string name, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString();
        return true;
    }

    /// <summary>False only when the property is present with a non-boolean value; absent gives false.</summary>
    private static bool TryBool(JsonElement element, string name, out bool value)
    {
        value = false;
        if (!element.TryGetProperty(name, out var property))
        {
            return true;
        }

        if (property.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }

        value = property.GetBoolean();
        return true;
    }
}
