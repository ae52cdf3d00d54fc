using System.Text.Json.Nodes;

namespace ComplianceOs.BotHost.Cards.BlockKit;

/// <summary>
/// Turns a card into Block Kit blocks, grouped into <see cref="Unit"/>s that paging keeps together
/// (a row's text and its buttons). Every block is within Slack's per-block limits; block_ids are
/// assigned later, once the blocks are laid out into messages or a view. action_ids are unique
/// across everything one instance builds.
/// </summary>
internal sealed class BlockKitBody
{
    private readonly Dictionary<string, TextInput> _inputs = new(StringComparer.Ordinal);
    private readonly List<Unit> _units = [];
    private int _actions;

    private BlockKitBody()
    {
    }

    /// <summary>Blocks that belong together, in card order.</summary>
    /// <param name="Rows">How many <see cref="ItemRow"/>s the blocks show (0 or 1), to report what did not fit.</param>
    /// <param name="KeepWithNext">A heading: paging should not leave it alone at the bottom of a page.</param>
    internal sealed record Unit(List<JsonObject> Blocks, int Rows, bool KeepWithNext);

    /// <summary>Renders the card's title, subtitle and body; text inputs render nothing (see <see cref="ModalInput"/>).</summary>
    public static List<Unit> Build(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var body = new BlockKitBody();
        body.CollectInputs(card.Blocks);
        if (!string.IsNullOrWhiteSpace(card.Title))
        {
            body.AddTitle(card.Title);
        }

        if (!string.IsNullOrWhiteSpace(card.Subtitle))
        {
            body.Add(Sections(SlackText.Split(card.Subtitle, BlockKitLimits.MaxSectionText, bold: false)));
        }

        foreach (var block in card.Blocks)
        {
            body.AddBlock(block);
        }

        return body._units;
    }

    /// <summary>The first text of the card a person would read: for notifications and screen readers.</summary>
    public static string? FirstText(Card card)
    {
        return NonBlank(card.Title) ?? NonBlank(card.Subtitle) ?? FirstTextBlock(card.Blocks) ?? FirstAnyText(card.Blocks);

        static string? FirstTextBlock(IEnumerable<CardBlock> blocks)
        {
            foreach (var block in blocks)
            {
                var found = block switch
                {
                    TextBlock text => NonBlank(text.Text),
                    Section section => FirstTextBlock(section.Blocks),
                    _ => null,
                };
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        static string? FirstAnyText(IEnumerable<CardBlock> blocks)
        {
            foreach (var block in blocks)
            {
                var found = block switch
                {
                    Section section => NonBlank(section.Heading) ?? FirstAnyText(section.Blocks),
                    StatusBadge badge => NonBlank(badge.Text),
                    ItemList list => list.Rows.Select(r => NonBlank(r.Title) ?? NonBlank(r.Subtitle)).FirstOrDefault(t => t is not null),
                    FactList facts => facts.Facts.Select(f => NonBlank($"{f.Label}: {f.Value}".Trim(' ', ':'))).FirstOrDefault(t => t is not null),
                    _ => null,
                };
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private void CollectInputs(IEnumerable<CardBlock> blocks)
    {
        // Buttons name the inputs they need by id, so every input must be known before the first button.
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TextInput input:
                    ArgumentException.ThrowIfNullOrWhiteSpace(input.Id, nameof(block));
                    ArgumentException.ThrowIfNullOrWhiteSpace(input.Label, nameof(block));
                    if (!_inputs.TryAdd(input.Id, input))
                    {
                        throw new ArgumentException($"The input id '{input.Id}' is used twice in the card; input ids must be unique.", nameof(blocks));
                    }

                    break;
                case Section section:
                    CollectInputs(section.Blocks);
                    break;
            }
        }
    }

    private void AddBlock(CardBlock block)
    {
        switch (block)
        {
            case TextBlock text:
                AddText(text);
                break;
            case FactList facts:
                AddFacts(facts);
                break;
            case StatusBadge badge:
                AddBadge(badge);
                break;
            case ItemList list:
                foreach (var row in list.Rows)
                {
                    AddRow(row);
                }

                break;
            case Section section:
                AddSection(section);
                break;
            case TextInput:
                // Slack messages cannot hold inputs: buttons that need one carry its definition in their
                // value, and the click handler asks for it in a modal.
                break;
            case ActionSet set:
                Add(ActionsBlocks(set.Actions));
                break;
            case LinkList links:
                AddLinks(links);
                break;
            default:
                throw new ArgumentException($"Block kind {block.GetType().Name} has no Block Kit rendering.", nameof(block));
        }
    }

    private void AddTitle(string title)
    {
        // A header is one line of plain text; line breaks would be shown as nothing.
        var line = string.Join(' ', title.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (line.Length <= BlockKitLimits.MaxHeaderText)
        {
            Add([Header(line)]);
            return;
        }

        // Too long for a header: never cut mid-word; the rest follows in bold so it reads as one title.
        if (SlackText.TryCutAtWord(line, BlockKitLimits.MaxHeaderText - SlackText.Ellipsis.Length, out var head, out var rest))
        {
            var blocks = new List<JsonObject> { Header(head + SlackText.Ellipsis) };
            blocks.AddRange(Sections(SlackText.Split(SlackText.Ellipsis + rest, BlockKitLimits.MaxSectionText, bold: true)));
            Add(blocks);
        }
        else
        {
            Add(Sections(SlackText.Split(line, BlockKitLimits.MaxSectionText, bold: true)));
        }
    }

    private void AddText(TextBlock text)
    {
        var chunks = SlackText.Split(text.Text, BlockKitLimits.MaxSectionText, bold: text.Emphasis);

        // Each chunk is its own unit, so a long text may continue on the next page.
        foreach (var chunk in chunks)
        {
            Add([text.Subtle ? Context(chunk) : Section(chunk)]);
        }
    }

    private void AddLinks(LinkList list)
    {
        // mrkdwn "<url|label>": the label is escaped (&, <, >), and a "|" in it would end the link's label early.
        var lines = list.Links.Select(l => l.SafeUrl is { } url
            ? $"<{url}|{SlackText.Escape(SlackText.Shorten(l.Label.Replace('|', '/'), 300))}>"
            : SlackText.Escape(SlackText.Shorten(l.Label, 300))).ToList();
        if (lines.Count > 0)
        {
            Add([Section(string.Join("\n", lines))]);
        }
    }

    private void AddFacts(FactList facts)
    {
        var fields = new List<string>();
        foreach (var fact in facts.Facts)
        {
            ArgumentNullException.ThrowIfNull(fact);
            var field = FactText(fact.Label, fact.Value);
            if (field.Length == 0)
            {
                continue;
            }

            if (field.Length <= BlockKitLimits.MaxFieldText)
            {
                fields.Add(field);
                if (fields.Count == BlockKitLimits.MaxSectionFields)
                {
                    FlushFields();
                }

                continue;
            }

            // Too long for a field: shown in full as ordinary text, in its place in the order.
            FlushFields();
            var blocks = new List<JsonObject>();
            blocks.AddRange(Sections(SlackText.Split(fact.Label ?? string.Empty, BlockKitLimits.MaxSectionText, bold: true)));
            blocks.AddRange(Sections(SlackText.Split(fact.Value ?? string.Empty, BlockKitLimits.MaxSectionText, bold: false)));
            Add(blocks);
        }

        FlushFields();

        void FlushFields()
        {
            if (fields.Count == 0)
            {
                return;
            }

            var array = new JsonArray();
            foreach (var field in fields)
            {
                array.Add(Mrkdwn(field));
            }

            Add([new JsonObject { ["type"] = "section", ["fields"] = array }]);
            fields.Clear();
        }
    }

    private static string FactText(string? label, string? value)
    {
        var hasLabel = !string.IsNullOrWhiteSpace(label);
        var hasValue = !string.IsNullOrWhiteSpace(value);
        return (hasLabel, hasValue) switch
        {
            (true, true) => $"{SlackText.Mrkdwn(label!, bold: true)}\n{SlackText.Mrkdwn(value!, bold: false)}",
            (true, false) => SlackText.Mrkdwn(label!, bold: true),
            (false, true) => SlackText.Mrkdwn(value!, bold: false),
            _ => string.Empty,
        };
    }

    private void AddBadge(StatusBadge badge)
    {
        var emoji = badge.Tone switch
        {
            StatusTone.Good => ":large_green_circle:",
            StatusTone.Warning => ":large_yellow_circle:",
            StatusTone.Attention => ":red_circle:",
            _ => ":white_circle:",
        };

        // The emoji is the colour; the words carry the meaning on their own (StatusBadge's contract).
        var chunks = SlackText.Split(badge.Text, BlockKitLimits.MaxSectionText - emoji.Length - 1, bold: true);
        for (var i = 0; i < chunks.Count; i++)
        {
            Add([Context(i == 0 ? $"{emoji} {chunks[i]}" : chunks[i])]);
        }
    }

    private void AddRow(ItemRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var title = string.IsNullOrWhiteSpace(row.Title) ? string.Empty : SlackText.Mrkdwn(row.Title, bold: true);
        var subtitle = string.IsNullOrWhiteSpace(row.Subtitle) ? string.Empty : SlackText.Mrkdwn(row.Subtitle, bold: false);
        var combined = string.Join('\n', new[] { title, subtitle }.Where(t => t.Length > 0));

        var blocks = new List<JsonObject>();
        if (combined.Length <= BlockKitLimits.MaxSectionText)
        {
            if (combined.Length > 0)
            {
                blocks.Add(Section(combined));
            }
        }
        else
        {
            blocks.AddRange(Sections(SlackText.Split(row.Title ?? string.Empty, BlockKitLimits.MaxSectionText, bold: true)));
            blocks.AddRange(Sections(SlackText.Split(row.Subtitle ?? string.Empty, BlockKitLimits.MaxSectionText, bold: false)));
        }

        if (row.Actions.Count == 1 && blocks.Count > 0)
        {
            // One button fits beside the text, as Slack's own lists do.
            blocks[0]["accessory"] = Button(row.Actions[0]);
        }
        else
        {
            blocks.AddRange(ActionsBlocks(row.Actions));
        }

        if (blocks.Count > 0)
        {
            _units.Add(new Unit(blocks, Rows: 1, KeepWithNext: false));
        }
    }

    private void AddSection(Section section)
    {
        var heading = new List<JsonObject> { new() { ["type"] = "divider" } };
        if (!string.IsNullOrWhiteSpace(section.Heading))
        {
            heading.AddRange(Sections(SlackText.Split(section.Heading, BlockKitLimits.MaxSectionText, bold: true)));
        }

        _units.Add(new Unit(heading, Rows: 0, KeepWithNext: section.Blocks.Count > 0));
        foreach (var block in section.Blocks)
        {
            AddBlock(block);
        }
    }

    private List<JsonObject> ActionsBlocks(IReadOnlyList<CardAction> actions)
    {
        var blocks = new List<JsonObject>();
        foreach (var group in actions.Chunk(BlockKitLimits.MaxActionsElements))
        {
            var elements = new JsonArray();
            foreach (var action in group)
            {
                elements.Add(Button(action));
            }

            blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = elements });
        }

        return blocks;
    }

    private JsonObject Button(CardAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(action.Verb, nameof(action));
        ArgumentException.ThrowIfNullOrWhiteSpace(action.Label, nameof(action));
        if (action.Data.ContainsKey(CardAction.VerbDataKey))
        {
            // Reserved on every channel, so a card behaves the same in Teams and Slack.
            throw new ArgumentException($"Action data must not use the reserved key '{CardAction.VerbDataKey}'.", nameof(action));
        }

        var inputs = new List<ModalInput>();
        foreach (var id in action.RequiredInputs)
        {
            if (!_inputs.TryGetValue(id, out var input))
            {
                throw new ArgumentException($"Action '{action.Verb}' requires input '{id}', which the card does not have.", nameof(action));
            }

            // Required in the modal whatever the card says: the action cannot go without it.
            inputs.Add(new ModalInput(input.Id, input.Label, Required: true, input.Multiline, input.MaxLength, input.Placeholder));
        }

        var suffix = $":{++_actions}";
        var verb = action.Verb.Length + suffix.Length <= BlockKitLimits.MaxActionId
            ? action.Verb
            : action.Verb[..(BlockKitLimits.MaxActionId - suffix.Length)];
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = verb + suffix,
            ["text"] = Plain(SlackText.Shorten(action.Label, BlockKitLimits.MaxButtonText)),
            ["value"] = ButtonValue.Encode(action.Verb, action.Data, inputs),
        };
        var style = action.Style switch
        {
            CardActionStyle.Positive => "primary",
            CardActionStyle.Destructive => "danger",
            _ => null,
        };
        if (style is not null)
        {
            button["style"] = style;
        }

        return button;
    }

    private void Add(List<JsonObject> blocks)
    {
        if (blocks.Count > 0)
        {
            _units.Add(new Unit(blocks, Rows: 0, KeepWithNext: false));
        }
    }

    private static List<JsonObject> Sections(IEnumerable<string> chunks) => chunks.Select(Section).ToList();

    private static JsonObject Header(string text) => new() { ["type"] = "header", ["text"] = Plain(text) };

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    private static JsonObject Context(string mrkdwn) => new() { ["type"] = "context", ["elements"] = new JsonArray { Mrkdwn(mrkdwn) } };

    /// <summary>A plain_text object: Slack shows it literally, so it needs no escaping.</summary>
    internal static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    /// <summary>
    /// A mrkdwn object for already escaped text. verbatim stops Slack from turning bare URLs, #channel names
    /// and @here in user text into links and mentions; escaping alone stops the &lt;…&gt; forms.
    /// </summary>
    private static JsonObject Mrkdwn(string escaped) => new() { ["type"] = "mrkdwn", ["text"] = escaped, ["verbatim"] = true };
}
