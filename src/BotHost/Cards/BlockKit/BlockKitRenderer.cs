using System.Text.Json.Nodes;

namespace ComplianceOs.BotHost.Cards.BlockKit;

/// <summary>
/// Renders a channel-neutral <see cref="Card"/> as Slack Block Kit: messages, the App Home view, and the
/// modal that collects a button's required inputs. JSON is built node by node, so user text is always a
/// JSON string value; in mrkdwn it is also escaped (&amp;, &lt;, &gt;) and marked verbatim, so it can never
/// form a link, a mention or a broadcast.
/// </summary>
/// <remarks>
/// Guarantees: every payload is within the limits <see cref="BlockKitLimits"/> checks; block_ids ("b1", "b2", …)
/// are unique within a message or view (across all pages of one card), action_ids ("{verb}:{n}") across all
/// pages; nothing is left out silently: long text is split into more blocks, a card over 50 blocks becomes several
/// messages, and a Home view cut at 100 blocks says how much it left out.
/// <see cref="Card.Refresh"/> is ignored (Slack has no automatic refresh). <see cref="TextInput"/>s are not shown
/// in messages: each button whose <see cref="CardAction.RequiredInputs"/> names them carries their definitions in its
/// value (see <see cref="TryReadButtonValue"/>), for the click handler to ask for them with <see cref="RenderInputModal"/>.
/// Throws <see cref="ArgumentException"/> for cards that are bugs: duplicate input ids, empty verbs or labels,
/// a data key named <see cref="CardAction.VerbDataKey"/>, a required input the card lacks; and
/// <see cref="InvalidOperationException"/> when a button's value would exceed 2000 characters.
/// </remarks>
public static class BlockKitRenderer
{
    /// <summary>Fallback text of a card with no text at all (Slack rejects a message with neither text nor blocks).</summary>
    public const string EmptyCardText = "(empty message)";

    /// <summary>Where the Home view sends people for what did not fit.</summary>
    public const string HomeSeeAllHint = "Send \"my tasks\" in the Messages tab to see everything.";

    /// <summary>
    /// Renders the card as one message or, beyond 50 blocks, several (pages) split between blocks, in order;
    /// pages after the first start with a "(continued, page k of n)" context block.
    /// </summary>
    public static IReadOnlyList<SlackMessage> RenderMessages(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var pages = BlockKitLayout.Paginate(BlockKitBody.Build(card), BlockKitLimits.MaxMessageBlocks);
        var text = BlockKitBody.FirstText(card) ?? EmptyCardText;
        var messages = new List<SlackMessage>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            var suffix = i == 0 ? string.Empty : $" (continued, page {i + 1} of {pages.Count})";
            messages.Add(new SlackMessage(SlackText.EscapedWithin(text, BlockKitLimits.MaxFallbackText - suffix.Length) + suffix, pages[i]));
        }

        return messages;
    }

    /// <summary>
    /// Renders the card as an App Home view (<c>views.publish</c>) of at most 100 blocks. When the card needs more,
    /// the view keeps what fits, in order, and ends with a context block saying how many items were not shown.
    /// </summary>
    public static JsonObject RenderHome(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new JsonObject
        {
            ["type"] = "home",
            ["blocks"] = BlockKitLayout.Fit(BlockKitBody.Build(card), BlockKitLimits.MaxViewBlocks, HomeSeeAllHint),
        };
    }

    /// <summary>
    /// Renders a modal (<c>views.open</c>) asking for <paramref name="inputs"/>, one input block each, with the input's id
    /// as block_id and action_id so <c>view_submission</c> values come back under the card's input ids.
    /// </summary>
    /// <param name="callbackId">Identifies the submission; at most 255 characters.</param>
    /// <param name="title">Modal title; shortened to 24 characters.</param>
    /// <param name="submitLabel">Submit button text; shortened to 24 characters.</param>
    /// <param name="privateMetadata">Echoed in the submission (e.g. the verb and data); at most 3000 characters.</param>
    /// <exception cref="ArgumentException">Empty or duplicate ids, no inputs or more than 100, empty labels, or an oversize
    /// callback id or private metadata: these come from code, so failing loudly beats a modal Slack refuses.</exception>
    public static JsonObject RenderInputModal(
        string callbackId,
        string title,
        string submitLabel,
        IReadOnlyList<ModalInput> inputs,
        string privateMetadata)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callbackId);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(submitLabel);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(privateMetadata);
        if (callbackId.Length > BlockKitLimits.MaxCallbackId)
        {
            throw new ArgumentException($"callback_id has {callbackId.Length} characters; Slack allows {BlockKitLimits.MaxCallbackId}.", nameof(callbackId));
        }

        if (privateMetadata.Length > BlockKitLimits.MaxPrivateMetadata)
        {
            throw new ArgumentException(
                $"private_metadata has {privateMetadata.Length} characters; Slack allows {BlockKitLimits.MaxPrivateMetadata}.",
                nameof(privateMetadata));
        }

        if (inputs.Count is 0 or > BlockKitLimits.MaxViewBlocks)
        {
            throw new ArgumentException($"A modal needs 1 to {BlockKitLimits.MaxViewBlocks} inputs, got {inputs.Count}.", nameof(inputs));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var blocks = new JsonArray();
        foreach (var input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
            ArgumentException.ThrowIfNullOrWhiteSpace(input.Id, nameof(inputs));
            ArgumentException.ThrowIfNullOrWhiteSpace(input.Label, nameof(inputs));
            if (input.Id.Length > Math.Min(BlockKitLimits.MaxBlockId, BlockKitLimits.MaxActionId) || !ids.Add(input.Id))
            {
                throw new ArgumentException($"Input id '{input.Id}' is duplicated or longer than {BlockKitLimits.MaxBlockId} characters.", nameof(inputs));
            }

            blocks.Add(InputBlock(input));
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["title"] = BlockKitBody.Plain(SlackText.Shorten(title, BlockKitLimits.MaxModalTitle)),
            ["submit"] = BlockKitBody.Plain(SlackText.Shorten(submitLabel, BlockKitLimits.MaxModalTitle)),
            ["close"] = BlockKitBody.Plain("Cancel"),
            ["private_metadata"] = privateMetadata,
            ["blocks"] = blocks,
        };
    }

    /// <summary>
    /// Reads a button value this renderer wrote (<c>{"v": verb, "d": {data}, "in": [inputs]}</c>) from a
    /// <c>block_actions</c> payload. Returns false, and never throws, for anything else: null, non-JSON,
    /// wrong shapes, or a value longer than Slack would ever send.
    /// </summary>
    public static bool TryReadButtonValue(
        string? value,
        out string verb,
        out IReadOnlyDictionary<string, string> data,
        out IReadOnlyList<ModalInput> inputs) =>
        ButtonValue.TryRead(value, out verb, out data, out inputs);

    private static JsonObject InputBlock(ModalInput input)
    {
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = input.Id,
            ["multiline"] = input.Multiline,
        };
        if (input.MaxLength is { } maxLength)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength, nameof(input));

            // Slack's own ceiling; a larger model limit cannot be enforced here anyway.
            element["max_length"] = Math.Min(maxLength, BlockKitLimits.MaxInputLength);
        }

        if (!string.IsNullOrWhiteSpace(input.Placeholder))
        {
            element["placeholder"] = BlockKitBody.Plain(SlackText.Shorten(input.Placeholder, BlockKitLimits.MaxPlaceholder));
        }

        return new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = input.Id,
            ["label"] = BlockKitBody.Plain(SlackText.Shorten(input.Label, BlockKitLimits.MaxInputLabel)),
            ["optional"] = !input.Required,
            ["element"] = element,
        };
    }
}
