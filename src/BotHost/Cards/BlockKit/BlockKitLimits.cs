using System.Text.Json.Nodes;

namespace ComplianceOs.BotHost.Cards.BlockKit;

/// <summary>
/// Slack's Block Kit size and uniqueness limits (protocol fact sheet B8), and a checker for them.
/// The official TypeScript types check shapes but none of these, and Slack answers a payload that breaks
/// one with <c>invalid_blocks</c> and sends nothing, so renderers stay inside them and tests call <see cref="Check"/>.
/// </summary>
public static class BlockKitLimits
{
    /// <summary>Blocks in one message.</summary>
    public const int MaxMessageBlocks = 50;

    /// <summary>Blocks in a modal or App Home view.</summary>
    public const int MaxViewBlocks = 100;

    /// <summary>Characters of a section's text, and of any mrkdwn text object this renderer writes.</summary>
    public const int MaxSectionText = 3000;

    /// <summary>Fields in one section.</summary>
    public const int MaxSectionFields = 10;

    /// <summary>Characters of one section field.</summary>
    public const int MaxFieldText = 2000;

    /// <summary>Characters of a header block's text.</summary>
    public const int MaxHeaderText = 150;

    /// <summary>Characters of a button's (plain_text) label.</summary>
    public const int MaxButtonText = 75;

    /// <summary>Characters of a button's value.</summary>
    public const int MaxButtonValue = 2000;

    /// <summary>Characters of an action_id.</summary>
    public const int MaxActionId = 255;

    /// <summary>Characters of a block_id.</summary>
    public const int MaxBlockId = 255;

    /// <summary>Elements in a context block.</summary>
    public const int MaxContextElements = 10;

    /// <summary>Elements in an actions block.</summary>
    public const int MaxActionsElements = 25;

    /// <summary>Characters of an input block's label.</summary>
    public const int MaxInputLabel = 2000;

    /// <summary>Characters of a message's fallback text (kept there so notifications are not cut by Slack).</summary>
    public const int MaxFallbackText = 3000;

    /// <summary>Characters of a view's private_metadata.</summary>
    public const int MaxPrivateMetadata = 3000;

    /// <summary>Characters of a modal's title, submit and close labels.</summary>
    public const int MaxModalTitle = 24;

    /// <summary>Characters of a view's callback_id.</summary>
    public const int MaxCallbackId = 255;

    /// <summary>Characters of a plain_text_input's placeholder.</summary>
    public const int MaxPlaceholder = 150;

    /// <summary>The largest max_length a plain_text_input accepts.</summary>
    public const int MaxInputLength = 3000;

    /// <summary>
    /// Lists every limit <paramref name="blocks"/> breaks, as sentences naming the block; empty when none.
    /// action_ids and block_ids must be unique across the whole array (one message or one view).
    /// </summary>
    /// <param name="isView">True for a modal or App Home (100 blocks), false for a message (50).</param>
    public static IReadOnlyList<string> Check(JsonArray blocks, bool isView)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var problems = new List<string>();
        var maxBlocks = isView ? MaxViewBlocks : MaxMessageBlocks;
        if (blocks.Count > maxBlocks)
        {
            problems.Add($"{blocks.Count} blocks; a {(isView ? "view" : "message")} allows at most {maxBlocks}.");
        }

        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not JsonObject block)
            {
                problems.Add($"Block {i} is not an object.");
                continue;
            }

            var type = Text(block["type"]) ?? "(no type)";
            var where = $"Block {i} ({type}{(Text(block["block_id"]) is { } id ? $" '{Clip(id)}'" : string.Empty)})";
            CheckBlock(block, type, where, problems, blockIds);
            foreach (var element in Objects(block))
            {
                CheckElement(element, where, problems, actionIds);
            }
        }

        return problems;
    }

    private static void CheckBlock(JsonObject block, string type, string where, List<string> problems, HashSet<string> blockIds)
    {
        if (Text(block["block_id"]) is { } blockId)
        {
            if (blockId.Length > MaxBlockId)
            {
                problems.Add($"{where}: block_id has {blockId.Length} characters; at most {MaxBlockId}.");
            }

            if (!blockIds.Add(blockId))
            {
                problems.Add($"{where}: block_id '{Clip(blockId)}' is used more than once.");
            }
        }

        switch (type)
        {
            case "section":
                MaxLength(TextOf(block["text"]), MaxSectionText, $"{where}: text", problems);
                if (block["fields"] is JsonArray fields)
                {
                    if (fields.Count > MaxSectionFields)
                    {
                        problems.Add($"{where}: {fields.Count} fields; at most {MaxSectionFields}.");
                    }

                    for (var f = 0; f < fields.Count; f++)
                    {
                        MaxLength(TextOf(fields[f]), MaxFieldText, $"{where}: field {f}", problems);
                    }
                }

                break;
            case "header":
                MaxLength(TextOf(block["text"]), MaxHeaderText, $"{where}: text", problems);
                break;
            case "context":
                MaxCount(block["elements"], MaxContextElements, where, problems);
                break;
            case "actions":
                MaxCount(block["elements"], MaxActionsElements, where, problems);
                break;
            case "input":
                MaxLength(TextOf(block["label"]), MaxInputLabel, $"{where}: label", problems);
                break;
        }
    }

    private static void CheckElement(JsonObject element, string where, List<string> problems, HashSet<string> actionIds)
    {
        if (Text(element["action_id"]) is { } actionId)
        {
            if (actionId.Length > MaxActionId)
            {
                problems.Add($"{where}: action_id has {actionId.Length} characters; at most {MaxActionId}.");
            }

            if (!actionIds.Add(actionId))
            {
                problems.Add($"{where}: action_id '{Clip(actionId)}' is used more than once.");
            }
        }

        if (Text(element["type"]) == "button")
        {
            MaxLength(TextOf(element["text"]), MaxButtonText, $"{where}: button text", problems);
            MaxLength(Text(element["value"]), MaxButtonValue, $"{where}: button value", problems);
        }
    }

    private static void MaxLength(string? text, int max, string what, List<string> problems)
    {
        if (text is not null && text.Length > max)
        {
            problems.Add($"{what} has {text.Length} characters; at most {max}.");
        }
    }

    private static void MaxCount(JsonNode? elements, int max, string where, List<string> problems)
    {
        if (elements is JsonArray array && array.Count > max)
        {
            problems.Add($"{where}: {array.Count} elements; at most {max}.");
        }
    }

    private static string? TextOf(JsonNode? textObject) => textObject is JsonObject obj ? Text(obj["text"]) : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>Every object inside the block (the block itself excluded), depth first.</summary>
    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        var stack = new Stack<JsonNode?>();
        foreach (var (_, child) in node as JsonObject ?? [])
        {
            stack.Push(child);
        }

        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case JsonObject obj:
                    yield return obj;
                    foreach (var (_, child) in obj)
                    {
                        stack.Push(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        stack.Push(child);
                    }

                    break;
            }
        }
    }
}
