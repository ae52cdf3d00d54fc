using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Cards.AdaptiveCards;
using static ComplianceOs.Integration.Tests.Cards.CardJson;

namespace ComplianceOs.Integration.Tests.Cards;

public sealed class AdaptiveCardRendererTests
{
    private readonly AdaptiveCardRenderer _renderer = new();

    private JsonObject RenderAndReparse(Card card) => Reparse(_renderer.RenderJson(card));

    [Fact]
    public void Render_WritesVersion15SchemaAndTitle()
    {
        var json = RenderAndReparse(SampleCards.StatusDetail());

        Assert.Equal("AdaptiveCard", Str(json["type"]));
        Assert.Equal("1.5", Str(json["version"]));
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", Str(json["$schema"]));
        var body = json["body"]!.AsArray();
        Assert.Equal("TextBlock", Str(body[0]!["type"]));
        Assert.Equal("GSTR-3B for June", Str(body[0]!["text"]));
        Assert.Equal("Bolder", Str(body[0]!["weight"]));
        Assert.Equal("Goods and Services Tax · monthly", Str(body[1]!["text"]));
        Assert.True(body[1]!["isSubtle"]!.GetValue<bool>());
    }

    [Fact]
    public void Render_StatusDetail_HasBadgeFactsInputsAndActionsInOrder()
    {
        var body = RenderAndReparse(SampleCards.StatusDetail())["body"]!.AsArray();

        var badge = body[2]!;
        Assert.Equal("TextBlock", Str(badge["type"]));
        Assert.Equal("Overdue by 3 days", Str(badge["text"]));
        Assert.Equal("Attention", Str(badge["color"]));

        var facts = body[3]!;
        Assert.Equal("FactSet", Str(facts["type"]));
        Assert.Equal(
            [("Entity", "Acme India Pvt Ltd"), ("Due", "20 Jul 2026"), ("Owner", "Priya Sharma")],
            facts["facts"]!.AsArray().Select(f => (Str(f!["title"]), Str(f["value"]))).ToArray());

        var comment = body[4]!;
        Assert.Equal("Input.Text", Str(comment["type"]));
        Assert.Equal("comment", Str(comment["id"]));
        Assert.Equal("Comment", Str(comment["label"]));
        Assert.Equal("What was filed?", Str(comment["placeholder"]));
        Assert.True(comment["isMultiline"]!.GetValue<bool>());
        Assert.Equal(500, comment["maxLength"]!.GetValue<int>());
        Assert.Null(comment["isRequired"]);

        var ack = body[5]!;
        Assert.Equal("ackNumber", Str(ack["id"]));
        Assert.True(ack["isRequired"]!.GetValue<bool>());
        Assert.False(string.IsNullOrWhiteSpace(Str(ack["errorMessage"])));

        var actionSet = body[6]!;
        Assert.Equal("ActionSet", Str(actionSet["type"]));
        var actions = actionSet["actions"]!.AsArray();
        Assert.Equal(
            ["Action.Execute", "Action.Execute", "Action.Execute", "Action.Submit"],
            actions.Select(a => Str(a!["type"])).ToArray());
        Assert.Equal(["positive", "", "destructive", ""], actions.Select(a => a!["style"]?.GetValue<string>() ?? "").ToArray());
    }

    [Fact]
    public void Render_ExecuteAction_HasVerbDataAndSubmitFallbackCarryingTheVerb()
    {
        var json = RenderAndReparse(SampleCards.StatusDetail());
        var execute = OfType(json, "Action.Execute").First(a => a["verb"] is not null && Str(a["verb"]) == "task.complete");

        Assert.Equal("Mark filed", Str(execute["title"]));
        Assert.Equal("t-101", Str(execute["data"]!["taskId"]));
        Assert.Null(execute["data"]!["verb"]);
        var fallback = execute["fallback"]!;
        Assert.Equal("Action.Submit", Str(fallback["type"]));
        Assert.Equal("Mark filed", Str(fallback["title"]));
        Assert.Equal("task.complete", Str(fallback["data"]!["verb"]));
        Assert.Equal("t-101", Str(fallback["data"]!["taskId"]));
    }

    [Fact]
    public void Render_SubmitAction_PutsTheVerbInItsDataObject()
    {
        var json = RenderAndReparse(SampleCards.Help());
        var submit = Assert.Single(OfType(json, "Action.Submit"));

        Assert.Equal("My tasks", Str(submit["title"]));
        Assert.Null(submit["verb"]);
        // An object, not a string: Teams would otherwise deliver it as message text.
        Assert.Equal(JsonValueKind.Object, submit["data"]!.GetValueKind());
        Assert.Equal("tasks.mine", Str(submit["data"]!["verb"]));
    }

    [Fact]
    public void Render_Refresh_IsAnExecuteActionWithUserIds()
    {
        var refresh = RenderAndReparse(SampleCards.StatusDetail())["refresh"]!;

        Assert.Equal("Action.Execute", Str(refresh["action"]!["type"]));
        Assert.Equal("task.refresh", Str(refresh["action"]!["verb"]));
        Assert.Equal("t-101", Str(refresh["action"]!["data"]!["taskId"]));
        Assert.Equal(["29:1aBcD-user", "29:2eFgH-user"], refresh["userIds"]!.AsArray().Select(Str).ToArray());
    }

    [Fact]
    public void Render_EmptyRefreshUserIds_WritesAnEmptyList()
    {
        var card = SampleCards.Help() with { Refresh = new CardRefresh("help.refresh", new Dictionary<string, string>(), []) };

        var refresh = RenderAndReparse(card)["refresh"]!;

        // Empty means "manual refresh only" in Teams, which differs from leaving the list out.
        Assert.Empty(refresh["userIds"]!.AsArray());
    }

    [Fact]
    public void Render_MyTasks_GivesEachEntityASectionAndEachRowItsOwnButtons()
    {
        var body = RenderAndReparse(SampleCards.MyTasks())["body"]!.AsArray();

        var sections = body.Skip(2).ToArray();
        Assert.Equal(2, sections.Length);
        Assert.All(sections, s => Assert.Equal("Container", Str(s!["type"])));
        Assert.Equal("Acme India Pvt Ltd", Str(sections[0]!["items"]![0]!["text"]));
        Assert.Equal("Acme Exports LLP", Str(sections[1]!["items"]![0]!["text"]));

        var rows = sections[0]!["items"]![1]!["items"]!.AsArray();
        Assert.Equal(2, rows.Count);
        var first = rows[0]!["items"]!.AsArray();
        Assert.Equal("Container", Str(rows[0]!["type"]));
        Assert.Equal("GSTR-3B for June", Str(first[0]!["text"]));
        Assert.Equal("Due 20 Jul 2026 · Overdue", Str(first[1]!["text"]));
        var buttons = first[2]!["actions"]!.AsArray();
        Assert.Equal(["Action.Execute", "Action.Submit"], buttons.Select(b => Str(b!["type"])).ToArray());
        Assert.All(buttons, b => Assert.Equal("t-101", Str(b!["data"]!["taskId"])));

        // A row without a subtitle renders its title and buttons only.
        var lone = sections[1]!["items"]![1]!["items"]![0]!["items"]!.AsArray();
        Assert.Equal(["TextBlock", "ActionSet"], lone.Select(i => Str(i!["type"])).ToArray());
        Assert.All(OfType(sections[1]!, "Action.Execute"), b => Assert.Equal("t-201", Str(b["data"]!["taskId"])));
    }

    [Theory]
    [InlineData(StatusTone.Good, "Good")]
    [InlineData(StatusTone.Warning, "Warning")]
    [InlineData(StatusTone.Attention, "Attention")]
    [InlineData(StatusTone.Neutral, "Default")]
    public void Render_StatusBadge_MapsToneToTextColor(StatusTone tone, string color)
    {
        var badge = RenderAndReparse(new Card([new StatusBadge(tone, "x")]))["body"]![0]!;

        Assert.Equal("TextBlock", Str(badge["type"]));
        Assert.Equal(color, Str(badge["color"]));
    }

    [Fact]
    public void Render_Links_AreMarkdownLinks_OnlyForSafeUrls()
    {
        var card = new Card([new LinkList([
            new Link("[1] GSTR3B › Rule [draft]", "https://cleartax.in/s/gst-calendar"),
            new Link("[2] javascript", "javascript:alert(1)"),
            new Link("[3] spaced", "https://example.com/a b"),
            new Link("[4] none", null),
        ])]);
        var items = RenderAndReparse(card)["body"]![0]!["items"]!.AsArray();

        Assert.Equal("[(1) GSTR3B › Rule (draft)](https://cleartax.in/s/gst-calendar)", Str(items[0]!["text"]));
        Assert.Equal("(2) javascript", Str(items[1]!["text"]));
        Assert.Equal("(3) spaced", Str(items[2]!["text"]));
        Assert.Equal("(4) none", Str(items[3]!["text"]));
    }

    [Fact]
    public void Render_UserText_RoundTripsAsDataEverywhere()
    {
        var json = RenderAndReparse(SampleCards.Everything(SampleCards.NastyText));

        var texts = Objects(json)
            .SelectMany(o => o.Where(p => p.Key is "text" or "title" or "value" or "label" or "placeholder" or "note" or "q")
                .Select(p => p.Value))
            .Where(v => v is JsonValue)
            .Select(Str)
            .ToList();
        // Title, subtitle, text, fact label+value, badge, heading, row title+subtitle, row button
        // title + its fallback title, input label+placeholder, submit title, and the data values.
        Assert.True(texts.Count(t => t == SampleCards.NastyText) >= 15, $"only {texts.Count(t => t == SampleCards.NastyText)} matches");
        Assert.Equal(SampleCards.NastyText, Str(json["refresh"]!["userIds"]![0]));
        Assert.Equal(SampleCards.NastyText, Str(json["refresh"]!["action"]!["data"]!["q"]));
        // The injected "{"x":1}" stayed inside a string: no object gained an "x" property.
        Assert.DoesNotContain(Objects(json), o => o.ContainsKey("x"));
    }

    [Fact]
    public void RenderJson_EscapesMarkupSoTheTextIsNeverLiteralHtml()
    {
        var raw = _renderer.RenderJson(new Card([new TextBlock("<script>alert(1)</script>")]));

        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>", Str(Reparse(raw)["body"]![0]!["text"]));
    }

    [Fact]
    public void Render_EveryIdIsUniqueAndPresentOnElementsAndActions()
    {
        foreach (var card in new[] { SampleCards.Help(), SampleCards.MyTasks(), SampleCards.StatusDetail(), SampleCards.Everything("x") })
        {
            var json = RenderAndReparse(card);
            var typed = Objects(json).Where(o => o["type"] is JsonValue && Str(o["type"]) != "AdaptiveCard").ToList();

            Assert.All(typed, o => Assert.NotNull(o["id"]));
            var ids = typed.Select(o => Str(o["id"])).ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Render_GeneratedIdsStepAroundInputIds()
    {
        // "text-1" is what the first generated TextBlock id would be.
        var card = new Card([new TextBlock("a"), new TextInput("text-1", "Clash")]);

        var ids = Objects(RenderAndReparse(card)).Where(o => o["id"] is not null).Select(o => Str(o["id"])).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("text-1", ids);
    }

    [Fact]
    public void Render_DuplicateInputIds_Throws()
    {
        var card = new Card([new TextInput("c", "One"), new Section("s", [new TextInput("c", "Two")])]);

        Assert.Throws<ArgumentException>(() => _renderer.Render(card));
    }

    [Fact]
    public void Render_ReservedVerbDataKey_Throws()
    {
        var action = new CardAction("go", "Go") { Data = new Dictionary<string, string> { ["verb"] = "other" } };

        Assert.Throws<ArgumentException>(() => _renderer.Render(new Card([new ActionSet([action])])));
    }

    [Fact]
    public void Render_TooManyRefreshUserIds_Throws()
    {
        var users = Enumerable.Range(0, CardRefresh.MaxUserIds + 1).Select(i => $"29:u{i}").ToArray();
        var card = new Card([]) { Refresh = new CardRefresh("r", new Dictionary<string, string>(), users) };

        Assert.Throws<ArgumentException>(() => _renderer.Render(card));
    }

    [Fact]
    public void Render_CardWithoutTitle_StartsWithTheFirstBlock()
    {
        var json = RenderAndReparse(new Card([new TextBlock("Only text")]));

        var only = Assert.Single(json["body"]!.AsArray());
        Assert.Equal("Only text", Str(only!["text"]));
        Assert.Null(json["refresh"]);
    }

    [Fact]
    public void Render_EmptyCard_HasAnEmptyBody()
    {
        var json = RenderAndReparse(new Card([]));

        Assert.Empty(json["body"]!.AsArray());
    }

    [Fact]
    public void Render_ActionDataValuesAreAlwaysStrings()
    {
        var json = RenderAndReparse(SampleCards.StatusDetail());
        var dataObjects = Objects(json).Where(o => o["data"] is JsonObject).Select(o => o["data"]!.AsObject()).ToList();

        Assert.NotEmpty(dataObjects);
        Assert.All(dataObjects.SelectMany(d => d), p => Assert.Equal(JsonValueKind.String, p.Value!.GetValueKind()));
    }

    [Fact]
    public void Render_SameCardTwice_GivesIdenticalJson()
    {
        Assert.Equal(_renderer.RenderJson(SampleCards.MyTasks()), _renderer.RenderJson(SampleCards.MyTasks()));
    }
}
