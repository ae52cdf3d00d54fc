using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComplianceOs.BotHost.Cards.AdaptiveCards;

/// <summary>
/// Renders a channel-neutral <see cref="Card"/> as Adaptive Card 1.5 JSON for Teams.
/// The JSON is built node by node, so user text is always a JSON string value and is escaped
/// by the serializer; it can never change the card's structure.
/// </summary>
/// <remarks>
/// Guarantees: version "1.5" (the highest Teams renders for bots); every element and action id
/// unique within the card; action data values are strings; each Action.Execute carries an
/// Action.Submit fallback with the verb in its data, for clients without Universal Actions.
/// Throws <see cref="ArgumentException"/> for cards that are bugs: duplicate input ids, empty
/// verbs, a data key named <see cref="CardAction.VerbDataKey"/>, or too many refresh user ids.
/// Text is shown by Teams' TextBlock, which applies its small markdown subset to it.
/// </remarks>
public sealed class AdaptiveCardRenderer
{
    /// <summary>The card schema version written to every card.</summary>
    public const string Version = "1.5";

    /// <summary>The schema URL written to every card (editors use it; Teams ignores it).</summary>
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    private static readonly JsonSerializerOptions CompactJson = new() { WriteIndented = false };

    /// <summary>Renders the card as a JSON object, ready to wrap with <see cref="AdaptiveCardEnvelopes"/>.</summary>
    public JsonObject Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var ids = new AdaptiveCardIds();
        ReserveInputIds(card.Blocks, ids);

        var body = new JsonArray();
        if (card.Title is not null)
        {
            body.Add(new JsonObject
            {
                ["type"] = "TextBlock",
                ["id"] = ids.Next("title"),
                ["text"] = card.Title,
                ["size"] = "Large",
                ["weight"] = "Bolder",
                ["style"] = "heading",
                ["wrap"] = true,
            });
        }

        if (card.Subtitle is not null)
        {
            body.Add(Text(ids, card.Subtitle, emphasis: false, subtle: true));
        }

        foreach (var block in card.Blocks)
        {
            body.Add(RenderBlock(block, ids));
        }

        var root = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = SchemaUrl,
            ["version"] = Version,
            ["body"] = body,
        };
        if (card.Refresh is not null)
        {
            root["refresh"] = RenderRefresh(card.Refresh, ids);
        }

        return root;
    }

    /// <summary>Renders the card as compact JSON text.</summary>
    public string RenderJson(Card card) => Render(card).ToJsonString(CompactJson);

    private static void ReserveInputIds(IEnumerable<CardBlock> blocks, AdaptiveCardIds ids)
    {
        // Input ids are the keys handlers read values by, so they are kept verbatim and must
        // be known before any generated id is handed out.
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TextInput input:
                    ArgumentException.ThrowIfNullOrWhiteSpace(input.Id, nameof(block));
                    ids.Reserve(input.Id);
                    break;
                case Section section:
                    ReserveInputIds(section.Blocks, ids);
                    break;
            }
        }
    }

    private static JsonObject RenderBlock(CardBlock block, AdaptiveCardIds ids) => block switch
    {
        TextBlock text => Text(ids, text.Text, text.Emphasis, text.Subtle),
        FactList facts => RenderFacts(facts, ids),
        StatusBadge badge => RenderBadge(badge, ids),
        ItemList list => RenderItemList(list, ids),
        Section section => RenderSection(section, ids),
        TextInput input => RenderInput(input),
        ActionSet set => RenderActionSet(set.Actions, ids),
        LinkList links => RenderLinks(links, ids),
        _ => throw new ArgumentException($"Block kind {block.GetType().Name} has no Adaptive Card rendering.", nameof(block)),
    };

    private static JsonObject Text(AdaptiveCardIds ids, string text, bool emphasis, bool subtle)
    {
        var node = new JsonObject
        {
            ["type"] = "TextBlock",
            ["id"] = ids.Next("text"),
            ["text"] = text,
            ["wrap"] = true,
        };
        if (emphasis)
        {
            node["weight"] = "Bolder";
        }

        if (subtle)
        {
            node["isSubtle"] = true;
        }

        return node;
    }

    private static JsonObject RenderLinks(LinkList list, AdaptiveCardIds ids)
    {
        var items = new JsonArray();
        foreach (var link in list.Links)
        {
            // Teams' markdown makes "[label](url)" a link; brackets in the label would end it early.
            var label = link.Label.Replace('[', '(').Replace(']', ')');
            var node = Text(ids, link.SafeUrl is { } url ? $"[{label}]({url})" : label, emphasis: false, subtle: false);
            node["spacing"] = "None";
            items.Add(node);
        }

        return new JsonObject { ["type"] = "Container", ["id"] = ids.Next("links"), ["items"] = items };
    }

    private static JsonObject RenderFacts(FactList facts, AdaptiveCardIds ids)
    {
        var items = new JsonArray();
        foreach (var fact in facts.Facts)
        {
            items.Add(new JsonObject { ["title"] = fact.Label, ["value"] = fact.Value });
        }

        return new JsonObject { ["type"] = "FactSet", ["id"] = ids.Next("facts"), ["facts"] = items };
    }

    private static JsonObject RenderBadge(StatusBadge badge, AdaptiveCardIds ids) => new()
    {
        ["type"] = "TextBlock",
        ["id"] = ids.Next("status"),
        ["text"] = badge.Text,
        ["weight"] = "Bolder",
        ["color"] = badge.Tone switch
        {
            StatusTone.Good => "Good",
            StatusTone.Warning => "Warning",
            StatusTone.Attention => "Attention",
            _ => "Default",
        },
        ["wrap"] = true,
    };

    private static JsonObject RenderItemList(ItemList list, AdaptiveCardIds ids)
    {
        var rows = new JsonArray();
        foreach (var row in list.Rows)
        {
            // A stacked container (text, then buttons) rather than side-by-side columns,
            // because Teams mobile is too narrow for a title next to several buttons.
            var items = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["id"] = ids.Next("row-title"),
                    ["text"] = row.Title,
                    ["weight"] = "Bolder",
                    ["wrap"] = true,
                },
            };
            if (row.Subtitle is not null)
            {
                var subtitle = Text(ids, row.Subtitle, emphasis: false, subtle: true);
                subtitle["spacing"] = "None";
                items.Add(subtitle);
            }

            if (row.Actions.Count > 0)
            {
                items.Add(RenderActionSet(row.Actions, ids));
            }

            rows.Add(new JsonObject
            {
                ["type"] = "Container",
                ["id"] = ids.Next("row"),
                ["separator"] = true,
                ["items"] = items,
            });
        }

        return new JsonObject { ["type"] = "Container", ["id"] = ids.Next("list"), ["items"] = rows };
    }

    private static JsonObject RenderSection(Section section, AdaptiveCardIds ids)
    {
        var items = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["id"] = ids.Next("heading"),
                ["text"] = section.Heading,
                ["size"] = "Medium",
                ["weight"] = "Bolder",
                ["style"] = "heading",
                ["wrap"] = true,
            },
        };
        foreach (var block in section.Blocks)
        {
            items.Add(RenderBlock(block, ids));
        }

        return new JsonObject
        {
            ["type"] = "Container",
            ["id"] = ids.Next("section"),
            ["separator"] = true,
            ["spacing"] = "Medium",
            ["items"] = items,
        };
    }

    private static JsonObject RenderInput(TextInput input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input.Label, nameof(input));
        var node = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = input.Id,
            ["label"] = input.Label,
        };
        if (input.Placeholder is not null)
        {
            node["placeholder"] = input.Placeholder;
        }

        if (input.Multiline)
        {
            node["isMultiline"] = true;
        }

        if (input.MaxLength is { } maxLength)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength, nameof(input));
            node["maxLength"] = maxLength;
        }

        if (input.Required)
        {
            node["isRequired"] = true;
            node["errorMessage"] = $"{input.Label} is required.";
        }

        return node;
    }

    private static JsonObject RenderActionSet(IReadOnlyList<CardAction> actions, AdaptiveCardIds ids)
    {
        var items = new JsonArray();
        foreach (var action in actions)
        {
            items.Add(RenderAction(action, ids));
        }

        return new JsonObject { ["type"] = "ActionSet", ["id"] = ids.Next("actions"), ["actions"] = items };
    }

    private static JsonObject RenderAction(CardAction action, AdaptiveCardIds ids)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(action.Verb, nameof(action));
        if (action.Data.ContainsKey(CardAction.VerbDataKey))
        {
            throw new ArgumentException($"Action data must not use the reserved key '{CardAction.VerbDataKey}'.", nameof(action));
        }

        var submit = Submit(action, ids);
        if (action.Kind == CardActionKind.Submit)
        {
            return submit;
        }

        var execute = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["id"] = ids.Next("action"),
            ["title"] = action.Label,
            ["verb"] = action.Verb,
            ["data"] = Data(action.Data),
        };
        AddStyle(execute, action.Style);

        // Clients without Universal Actions drop Action.Execute; the fallback still reaches the
        // bot, as a message whose value carries the verb (protocol fact sheet A5).
        execute["fallback"] = submit;
        return execute;
    }

    private static JsonObject Submit(CardAction action, AdaptiveCardIds ids)
    {
        // Action.Submit has no verb field, so the verb travels in the data object; data must be
        // an object (not a string) or Teams puts it in the message text instead of value.
        var data = Data(action.Data);
        data[CardAction.VerbDataKey] = action.Verb;
        var node = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["id"] = ids.Next("action"),
            ["title"] = action.Label,
            ["data"] = data,
        };
        AddStyle(node, action.Style);
        return node;
    }

    private static void AddStyle(JsonObject node, CardActionStyle style)
    {
        // Teams ignores positive/destructive styling today, but other hosts show it and the
        // schema allows it, so the intent is kept in the card.
        var value = style switch
        {
            CardActionStyle.Positive => "positive",
            CardActionStyle.Destructive => "destructive",
            _ => null,
        };
        if (value is not null)
        {
            node["style"] = value;
        }
    }

    private static JsonObject Data(IReadOnlyDictionary<string, string> data)
    {
        // Sorted so the same card always renders to the same JSON (stable snapshots and diffs).
        var node = new JsonObject();
        foreach (var (key, value) in data.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            ArgumentNullException.ThrowIfNull(value, key);
            node[key] = value;
        }

        return node;
    }

    private static JsonObject RenderRefresh(CardRefresh refresh, AdaptiveCardIds ids)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refresh.Verb, nameof(refresh));
        if (refresh.UserIds.Count > CardRefresh.MaxUserIds)
        {
            // Teams silently stops auto-refreshing past the limit; failing here makes the bug visible.
            throw new ArgumentException(
                $"A refresh may list at most {CardRefresh.MaxUserIds} user ids, got {refresh.UserIds.Count}.",
                nameof(refresh));
        }

        var userIds = new JsonArray();
        foreach (var userId in refresh.UserIds)
        {
            userIds.Add(userId);
        }

        return new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["id"] = ids.Next("refresh"),
                ["verb"] = refresh.Verb,
                ["data"] = Data(refresh.Data),
            },
            ["userIds"] = userIds,
        };
    }
}
