using System.Text.Json.Nodes;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Cards.BlockKit;
using static ComplianceOs.Integration.Tests.Cards.CardJson;

namespace ComplianceOs.Integration.Tests.Cards;

/// <summary>
/// The Slack renderer: how each block kind maps, escaping, button values, splitting and paging within
/// Slack's limits, and a check of everything rendered against the official Slack types (TypeScript).
/// </summary>
public sealed class BlockKitRendererTests : IDisposable
{
    private const string Mention = "<@U123>";
    private const string Link = "<https://evil|x>";

    private readonly string _dir = Directory.CreateTempSubdirectory("cos-blockkit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RenderMessages_Links_AreMrkdwnLinks_WithEscapedLabels_OnlyForSafeUrls()
    {
        var card = new Card([new LinkList([
            new Link("[1] A & B <c> | d", "https://cleartax.in/s/gst-calendar"),
            new Link("[2] javascript", "javascript:alert(1)"),
        ])]);
        var block = Assert.Single(Assert.Single(BlockKitRenderer.RenderMessages(card)).Blocks)!;

        Assert.Equal("section", block["type"]!.GetValue<string>());
        Assert.Equal("<https://cleartax.in/s/gst-calendar|[1] A &amp; B &lt;c&gt; / d>\n[2] javascript", block["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void RenderMessages_Title_IsAPlainTextHeaderAndTheFallbackText()
    {
        var message = Assert.Single(BlockKitRenderer.RenderMessages(SampleCards.Help()));

        var header = message.Blocks[0]!;
        Assert.Equal("header", Str(header["type"]));
        Assert.Equal("plain_text", Str(header["text"]!["type"]));
        Assert.Equal("Compliance OS", Str(header["text"]!["text"]));
        Assert.Equal("Compliance OS", message.Text);
    }

    [Fact]
    public void RenderMessages_FallbackText_IsSubtitleThenFirstTextWhenThereIsNoTitle()
    {
        var subtitleOnly = new Card([new TextBlock("Body")]) { Subtitle = "Sub" };
        var textOnly = new Card([new StatusBadge(StatusTone.Good, "Badge"), new Section("S", [new TextBlock("First text")])]);
        var empty = new Card([]);

        Assert.Equal("Sub", Assert.Single(BlockKitRenderer.RenderMessages(subtitleOnly)).Text);
        Assert.Equal("First text", Assert.Single(BlockKitRenderer.RenderMessages(textOnly)).Text);
        var emptyMessage = Assert.Single(BlockKitRenderer.RenderMessages(empty));
        Assert.Equal(BlockKitRenderer.EmptyCardText, emptyMessage.Text);
        Assert.Empty(emptyMessage.Blocks);
    }

    [Fact]
    public void RenderMessages_MyTasks_MapsSubtitleSectionsRowsAndButtons()
    {
        var blocks = Assert.Single(BlockKitRenderer.RenderMessages(SampleCards.MyTasks())).Blocks;

        Assert.Equal(
            ["header", "section", "divider", "section", "section", "actions", "section", "actions", "divider", "section", "section", "actions"],
            blocks.Select(b => Str(b!["type"])).ToArray());
        Assert.Equal("3 open tasks across 2 entities", MrkdwnOf(blocks[1]!));
        Assert.Equal("*Acme India Pvt Ltd*", MrkdwnOf(blocks[3]!));
        Assert.Equal("*GSTR-3B for June*\nDue 20 Jul 2026 · Overdue", MrkdwnOf(blocks[4]!));
        Assert.Null(blocks[4]!["accessory"]);
        Assert.Equal("*ROC annual return*", MrkdwnOf(blocks[10]!));

        var buttons = blocks[5]!["elements"]!.AsArray();
        Assert.Equal(["Done", "Details"], buttons.Select(b => Str(b!["text"]!["text"])).ToArray());
        Assert.Equal(["primary", ""], buttons.Select(b => b!["style"]?.GetValue<string>() ?? "").ToArray());
        Assert.All(buttons, b => Assert.Equal("plain_text", Str(b!["text"]!["type"])));
    }

    [Fact]
    public void RenderMessages_RowWithOneAction_PutsTheButtonBesideTheText()
    {
        var card = new Card([new ItemList([new ItemRow("Task", "Due today", [new CardAction("task.open", "Open") { Data = Task("t-1") }])])]);

        var blocks = Assert.Single(BlockKitRenderer.RenderMessages(card)).Blocks;

        var row = Assert.Single(blocks)!;
        Assert.Equal("*Task*\nDue today", MrkdwnOf(row));
        var accessory = row["accessory"]!;
        Assert.Equal("button", Str(accessory["type"]));
        Assert.Equal("Open", Str(accessory["text"]!["text"]));
    }

    [Fact]
    public void RenderMessages_StatusDetail_MapsBadgeFactsAndActionsAndLeavesOutInputsAndRefresh()
    {
        var message = Assert.Single(BlockKitRenderer.RenderMessages(SampleCards.StatusDetail()));
        var blocks = message.Blocks;

        Assert.Equal(["header", "section", "context", "section", "actions"], blocks.Select(b => Str(b!["type"])).ToArray());
        Assert.Equal(":red_circle: *Overdue by 3 days*", Str(blocks[2]!["elements"]![0]!["text"]));
        Assert.Equal(
            ["*Entity*\nAcme India Pvt Ltd", "*Due*\n20 Jul 2026", "*Owner*\nPriya Sharma"],
            blocks[3]!["fields"]!.AsArray().Select(f => Str(f!["text"])).ToArray());

        var buttons = blocks[4]!["elements"]!.AsArray();
        Assert.Equal(["Mark filed", "Snooze a week", "Not applicable", "Help"], buttons.Select(b => Str(b!["text"]!["text"])).ToArray());
        Assert.Equal(["primary", "", "danger", ""], buttons.Select(b => b!["style"]?.GetValue<string>() ?? "").ToArray());

        // Slack collects inputs in a modal, and has no card refresh.
        Assert.Empty(OfType(blocks, "input").Concat(OfType(blocks, "plain_text_input")));
        Assert.DoesNotContain("task.refresh", blocks.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMessages_Help_MapsEmphasisToBoldAndSubtleToContext()
    {
        var blocks = Assert.Single(BlockKitRenderer.RenderMessages(SampleCards.Help())).Blocks;

        Assert.Equal(["header", "section", "section", "context", "actions"], blocks.Select(b => Str(b!["type"])).ToArray());
        Assert.Equal("*Here is what I can do:*", MrkdwnOf(blocks[1]!));
        Assert.Equal("• my tasks — what is due for you", MrkdwnOf(blocks[2]!));
        Assert.Equal("• status &lt;task id&gt; — one task in detail", Str(blocks[3]!["elements"]![0]!["text"]));
    }

    [Theory]
    [InlineData(StatusTone.Good, ":large_green_circle:")]
    [InlineData(StatusTone.Warning, ":large_yellow_circle:")]
    [InlineData(StatusTone.Attention, ":red_circle:")]
    [InlineData(StatusTone.Neutral, ":white_circle:")]
    public void RenderMessages_StatusBadge_IsAContextWithTheTonesEmoji(StatusTone tone, string emoji)
    {
        var block = Assert.Single(Assert.Single(BlockKitRenderer.RenderMessages(new Card([new StatusBadge(tone, "Status")]))).Blocks)!;

        Assert.Equal("context", Str(block["type"]));
        Assert.Equal($"{emoji} *Status*", Str(Assert.Single(block["elements"]!.AsArray())!["text"]));
    }

    [Fact]
    public void RenderMessages_EscapesUserTextSoItCannotFormLinksOrMentions()
    {
        var nasty = $"{Mention} {Link} a & b";
        var card = new Card(
        [
            new TextBlock(nasty),
            new TextBlock(nasty, Emphasis: true),
            new TextBlock(nasty, Subtle: true),
            new FactList([new Fact(nasty, nasty)]),
            new StatusBadge(StatusTone.Attention, nasty),
            new Section(nasty, [new ItemList([new ItemRow(nasty, nasty, [new CardAction("task.open", "Open")])])]),
        ])
        {
            Title = nasty,
            Subtitle = nasty,
        };

        var message = Assert.Single(BlockKitRenderer.RenderMessages(card));

        var mrkdwn = OfType(message.Blocks, "mrkdwn").ToList();
        Assert.True(mrkdwn.Count >= 8, $"expected every text as mrkdwn, got {mrkdwn.Count}");
        Assert.All(mrkdwn, m =>
        {
            var text = Str(m["text"]);
            Assert.DoesNotContain("<", text, StringComparison.Ordinal);
            Assert.DoesNotContain(">", text, StringComparison.Ordinal);
            Assert.Contains("&lt;@U123&gt; &lt;https://evil|x&gt; a &amp; b", text, StringComparison.Ordinal);
            Assert.True(m["verbatim"]!.GetValue<bool>());
        });

        // The title is a header: plain_text, which Slack shows literally and never parses for links or mentions.
        var header = Assert.Single(OfType(message.Blocks, "header"));
        Assert.Equal("plain_text", Str(header["text"]!["type"]));
        Assert.Equal(nasty, Str(header["text"]!["text"]));
        Assert.Equal("&lt;@U123&gt; &lt;https://evil|x&gt; a &amp; b", message.Text);
    }

    [Fact]
    public void RenderMessages_Buttons_CarryVerbAndDataAndUniqueActionIds()
    {
        var message = Assert.Single(BlockKitRenderer.RenderMessages(SampleCards.MyTasks()));
        var buttons = OfType(message.Blocks, "button").ToList();

        Assert.Equal(6, buttons.Count);
        var actionIds = buttons.Select(b => Str(b["action_id"])).ToList();
        Assert.Equal(actionIds.Count, actionIds.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("task.complete:1", actionIds[0]);

        var values = buttons.Select(b => ReadValue(Str(b["value"]))).ToList();
        Assert.Equal(
            [("task.complete", "t-101"), ("task.open", "t-101"), ("task.complete", "t-102"), ("task.open", "t-102"), ("task.complete", "t-201"), ("task.open", "t-201")],
            values.Select(v => (v.Verb, v.Data["taskId"])).ToArray());
        Assert.All(values, v => Assert.Empty(v.Inputs));
        Assert.DoesNotContain("\"in\"", Str(buttons[0]["value"]), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMessages_RejectButton_CarriesTheCommentInputForTheModal()
    {
        var message = Assert.Single(BlockKitRenderer.RenderMessages(RejectCard()));

        var buttons = OfType(message.Blocks, "button").ToList();
        var reject = ReadValue(Str(buttons.Single(b => Str(b["text"]!["text"]) == "Reject")["value"]));
        Assert.Equal("task.reject", reject.Verb);
        Assert.Equal("t-101", reject.Data["taskId"]);
        var comment = Assert.Single(reject.Inputs);

        // Required in the modal even though optional on the card: the action cannot go without it.
        Assert.Equal(new ModalInput("comment", "Comment", Required: true, Multiline: true, MaxLength: 500, Placeholder: "Why?"), comment);

        var approve = ReadValue(Str(buttons.Single(b => Str(b["text"]!["text"]) == "Approve")["value"]));
        Assert.Empty(approve.Inputs);
    }

    [Fact]
    public void TryReadButtonValue_RoundTripsDataAndInputs()
    {
        var value = Str(OfType(Assert.Single(BlockKitRenderer.RenderMessages(RejectCard())).Blocks, "button")
            .Single(b => Str(b["text"]!["text"]) == "Reject")["value"]);

        Assert.True(BlockKitRenderer.TryReadButtonValue(value, out var verb, out var data, out var inputs));
        Assert.Equal("task.reject", verb);
        Assert.Equal(new Dictionary<string, string> { ["taskId"] = "t-101", ["note"] = SampleCards.NastyText }, data.ToDictionary());
        Assert.Equal("comment", Assert.Single(inputs).Id);
        Assert.True(value.Length <= BlockKitLimits.MaxButtonValue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"v\":1}")]
    [InlineData("{\"v\":\" \"}")]
    [InlineData("{\"v\":\"a\",\"d\":[]}")]
    [InlineData("{\"v\":\"a\",\"d\":{\"k\":1}}")]
    [InlineData("{\"v\":\"a\",\"in\":{}}")]
    [InlineData("{\"v\":\"a\",\"in\":[{\"id\":\"c\"}]}")]
    [InlineData("{\"v\":\"a\",\"in\":[{\"id\":\"c\",\"label\":\"C\",\"required\":\"yes\"}]}")]
    [InlineData("{\"v\":\"a\",\"in\":[{\"id\":\"c\",\"label\":\"C\",\"maxLength\":\"9\"}]}")]
    [InlineData("{\"v\":\"a\",\"in\":[{\"id\":\"c\",\"label\":\"C\",\"maxLength\":1e40}]}")]
    [InlineData("{\"v\":\"a\"")]
    public void TryReadButtonValue_ReturnsFalseForGarbage(string? value)
    {
        Assert.False(BlockKitRenderer.TryReadButtonValue(value, out var verb, out var data, out var inputs));
        Assert.Equal(string.Empty, verb);
        Assert.Empty(data);
        Assert.Empty(inputs);
    }

    [Fact]
    public void TryReadButtonValue_ReturnsFalseForDeepNestingAndOversizeValues()
    {
        Assert.False(BlockKitRenderer.TryReadButtonValue(new string('[', 900) + new string(']', 900), out _, out _, out _));
        Assert.False(BlockKitRenderer.TryReadButtonValue("{\"v\":\"a\",\"d\":{\"k\":\"" + new string('x', 2000) + "\"}}", out _, out _, out _));
    }

    [Fact]
    public void RenderMessages_Throws_ForActionsThatAreBugs()
    {
        var missingInput = new Card([new ActionSet([new CardAction("task.reject", "Reject") { RequiredInputs = ["comment"] }])]);
        var reservedKey = new Card([new ActionSet([new CardAction("go", "Go") { Data = new Dictionary<string, string> { ["verb"] = "x" } }])]);
        var hugeData = new Card([new ActionSet([new CardAction("task.huge", "Go") { Data = new Dictionary<string, string> { ["blob"] = new string('x', 2100) } }])]);

        Assert.Contains("comment", Assert.Throws<ArgumentException>(() => BlockKitRenderer.RenderMessages(missingInput)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BlockKitRenderer.RenderMessages(reservedKey));
        Assert.Contains("task.huge", Assert.Throws<InvalidOperationException>(() => BlockKitRenderer.RenderMessages(hugeData)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMessages_120Rows_ArePagedWithinLimitsAndNothingIsLost()
    {
        var messages = BlockKitRenderer.RenderMessages(ManyRows(120));

        Assert.True(messages.Count >= 3, $"expected at least 3 pages, got {messages.Count}");
        Assert.All(messages, m =>
        {
            Assert.InRange(m.Blocks.Count, 1, BlockKitLimits.MaxMessageBlocks);
            Assert.Empty(BlockKitLimits.Check(m.Blocks, isView: false));
        });
        var rows = messages.SelectMany(m => m.Blocks)
            .Select(b => b!["text"]?["text"]?.GetValue<string>())
            .OfType<string>()
            .Where(t => t.StartsWith("*Task ", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(Enumerable.Range(1, 120).Select(i => $"*Task {i}*\nDue in {i} days").ToList(), rows);
        Assert.Equal(120, messages.Sum(m => OfType(m.Blocks, "button").Count()));

        for (var i = 1; i < messages.Count; i++)
        {
            var first = messages[i].Blocks[0]!;
            Assert.Equal("context", Str(first["type"]));
            Assert.Equal($"(continued, page {i + 1} of {messages.Count})", Str(first["elements"]![0]!["text"]));
            Assert.EndsWith($"(continued, page {i + 1} of {messages.Count})", messages[i].Text, StringComparison.Ordinal);
        }

        // Unique across pages too, so a click on any page identifies its block and action.
        var all = new JsonArray(messages.SelectMany(m => m.Blocks).Select(b => b!.DeepClone()).ToArray());
        Assert.DoesNotContain(BlockKitLimits.Check(all, isView: true), p => p.Contains("used more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderMessages_7000CharText_SplitsIntoSectionsAtWordBoundaries()
    {
        var words = Enumerable.Range(0, 1000).Select(i => $"word{i}").ToList();
        var text = string.Join(' ', words);
        Assert.True(text.Length > 6900);

        var blocks = Assert.Single(BlockKitRenderer.RenderMessages(new Card([new TextBlock(text)]))).Blocks;

        Assert.True(blocks.Count >= 3);
        Assert.All(blocks, b => Assert.Equal("section", Str(b!["type"])));
        var chunks = blocks.Select(b => MrkdwnOf(b!)).ToList();
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, BlockKitLimits.MaxSectionText));
        Assert.Equal(words, chunks.SelectMany(c => c.Split(' ')).ToList());
    }

    [Fact]
    public void RenderMessages_LongEscapedAndBoldText_StaysWithinTheLimitAfterEscaping()
    {
        var text = string.Join(' ', Enumerable.Repeat("<&>", 2000));

        var blocks = Assert.Single(BlockKitRenderer.RenderMessages(new Card([new TextBlock(text, Emphasis: true)]))).Blocks;

        Assert.Empty(BlockKitLimits.Check(blocks, isView: false));
        Assert.Equal(2000, blocks.Sum(b => Count(MrkdwnOf(b!), "&lt;&amp;&gt;")));
    }

    [Fact]
    public void RenderMessages_LongTitle_CutsTheHeaderAtAWordAndShowsTheRest()
    {
        var words = Enumerable.Range(0, 60).Select(i => $"title{i}").ToList();
        var title = string.Join(' ', words);

        var blocks = Assert.Single(BlockKitRenderer.RenderMessages(new Card([]) { Title = title })).Blocks;

        var header = Str(blocks[0]!["text"]!["text"]);
        Assert.InRange(header.Length, 100, BlockKitLimits.MaxHeaderText);
        var rest = MrkdwnOf(blocks[1]!);
        Assert.Equal(words, (header.TrimEnd('…') + " " + rest.Trim('*').TrimStart('…')).Split(' ').ToList());
    }

    [Fact]
    public void RenderMessages_25Facts_SplitIntoSectionsOfAtMost10FieldsInOrder()
    {
        var facts = Enumerable.Range(1, 25).Select(i => new Fact($"Label {i}", $"Value {i}")).ToList();

        var blocks = Assert.Single(BlockKitRenderer.RenderMessages(new Card([new FactList(facts)]))).Blocks;

        Assert.Equal([10, 10, 5], blocks.Select(b => b!["fields"]!.AsArray().Count).ToArray());
        Assert.Equal(
            Enumerable.Range(1, 25).Select(i => $"*Label {i}*\nValue {i}").ToList(),
            blocks.SelectMany(b => b!["fields"]!.AsArray()).Select(f => Str(f!["text"])).ToList());
    }

    [Fact]
    public void RenderMessages_OversizeFact_IsShownInFullAsText()
    {
        var value = string.Join(' ', Enumerable.Repeat("long", 600));

        var blocks = Assert.Single(BlockKitRenderer.RenderMessages(new Card([new FactList([new Fact("A", "1"), new Fact("Notes", value), new Fact("B", "2")])]))).Blocks;

        Assert.Empty(BlockKitLimits.Check(blocks, isView: false));
        Assert.Equal(["*A*\n1"], blocks[0]!["fields"]!.AsArray().Select(f => Str(f!["text"])).ToArray());
        Assert.Equal("*Notes*", MrkdwnOf(blocks[1]!));
        Assert.Equal(value, MrkdwnOf(blocks[2]!));
        Assert.Equal(["*B*\n2"], blocks[3]!["fields"]!.AsArray().Select(f => Str(f!["text"])).ToArray());
    }

    [Fact]
    public void RenderMessages_30Buttons_SplitIntoActionsBlocksOf25()
    {
        var actions = Enumerable.Range(1, 30).Select(i => new CardAction($"go{i}", $"Go {i}")).ToList();

        var blocks = Assert.Single(BlockKitRenderer.RenderMessages(new Card([new ActionSet(actions)]))).Blocks;

        Assert.Equal([25, 5], blocks.Select(b => b!["elements"]!.AsArray().Count).ToArray());
        Assert.Empty(BlockKitLimits.Check(blocks, isView: false));
    }

    [Fact]
    public void RenderHome_150Rows_KeepsWhatFitsAndSaysHowManyWereNotShown()
    {
        var home = BlockKitRenderer.RenderHome(ManyRows(150));

        Assert.Equal("home", Str(home["type"]));
        var blocks = home["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 90, BlockKitLimits.MaxViewBlocks);
        Assert.Empty(BlockKitLimits.Check(blocks, isView: true));
        var shown = blocks.Count(b => b!["text"]?["text"]?.GetValue<string>().StartsWith("*Task ", StringComparison.Ordinal) == true);
        var notice = blocks[^1]!;
        Assert.Equal("context", Str(notice["type"]));
        Assert.Equal(
            $"{150 - shown} more items not shown here. {BlockKitRenderer.HomeSeeAllHint}",
            Str(notice["elements"]![0]!["text"]));
        Assert.Contains("my tasks", Str(notice["elements"]![0]!["text"]), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderHome_SmallCard_HasNoNotice()
    {
        var blocks = BlockKitRenderer.RenderHome(SampleCards.MyTasks())["blocks"]!.AsArray();

        Assert.Equal(Assert.Single(BlockKitRenderer.RenderMessages(SampleCards.MyTasks())).Blocks.Count, blocks.Count);
        Assert.Equal("actions", Str(blocks[^1]!["type"]));
    }

    [Fact]
    public void RenderInputModal_HasOneInputBlockPerInputWithIdsAndOptionalFlags()
    {
        var inputs = new[]
        {
            new ModalInput("comment", "Comment", Required: true, Multiline: true, MaxLength: 500, Placeholder: "Why?"),
            new ModalInput("ackNumber", "Acknowledgement number", Required: false, Multiline: false, MaxLength: null, Placeholder: null),
        };

        var modal = BlockKitRenderer.RenderInputModal("task.reject", "Reject the task for this reason", "Reject", inputs, "{\"v\":\"task.reject\"}");

        Assert.Equal("modal", Str(modal["type"]));
        Assert.Equal("task.reject", Str(modal["callback_id"]));
        Assert.InRange(Str(modal["title"]!["text"]).Length, 1, BlockKitLimits.MaxModalTitle);
        Assert.Equal("plain_text", Str(modal["title"]!["type"]));
        Assert.Equal("Reject", Str(modal["submit"]!["text"]));
        Assert.Equal("Cancel", Str(modal["close"]!["text"]));
        Assert.Equal("{\"v\":\"task.reject\"}", Str(modal["private_metadata"]));

        var blocks = modal["blocks"]!.AsArray();
        Assert.Equal(["input", "input"], blocks.Select(b => Str(b!["type"])).ToArray());
        Assert.Equal(["comment", "ackNumber"], blocks.Select(b => Str(b!["block_id"])).ToArray());
        Assert.Equal(["comment", "ackNumber"], blocks.Select(b => Str(b!["element"]!["action_id"])).ToArray());
        Assert.Equal([false, true], blocks.Select(b => b!["optional"]!.GetValue<bool>()).ToArray());
        Assert.Equal(["Comment", "Acknowledgement number"], blocks.Select(b => Str(b!["label"]!["text"])).ToArray());

        var comment = blocks[0]!["element"]!;
        Assert.Equal("plain_text_input", Str(comment["type"]));
        Assert.True(comment["multiline"]!.GetValue<bool>());
        Assert.Equal(500, comment["max_length"]!.GetValue<int>());
        Assert.Equal("Why?", Str(comment["placeholder"]!["text"]));
        Assert.Null(blocks[1]!["element"]!["max_length"]);
        Assert.Null(blocks[1]!["element"]!["placeholder"]);
        Assert.Empty(BlockKitLimits.Check(blocks, isView: true));
    }

    [Fact]
    public void RenderInputModal_RejectsOversizePrivateMetadataAndDuplicateIds()
    {
        var input = new ModalInput("comment", "Comment", true, true, 500, null);

        Assert.Equal("privateMetadata", Assert.Throws<ArgumentException>(() =>
            BlockKitRenderer.RenderInputModal("cb", "Title", "Send", [input], new string('m', 3001))).ParamName);
        Assert.Throws<ArgumentException>(() => BlockKitRenderer.RenderInputModal("cb", "Title", "Send", [input, input], ""));
        Assert.Throws<ArgumentException>(() => BlockKitRenderer.RenderInputModal("cb", "Title", "Send", [], ""));
        BlockKitRenderer.RenderInputModal("cb", "Title", "Send", [input], new string('m', 3000));
    }

    [Fact]
    public void Check_ReportsEveryKindOfViolation()
    {
        // Negative control: proves the checker reads the blocks rather than always passing.
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = "same",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('b', 76) },
            ["value"] = new string('v', 2001),
        };
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["block_id"] = "x", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('h', 151) } },
            new JsonObject { ["type"] = "section", ["block_id"] = "x", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = new string('s', 3001) } },
            new JsonObject { ["type"] = "section", ["fields"] = new JsonArray(Enumerable.Range(0, 11).Select(_ => (JsonNode)new JsonObject { ["type"] = "mrkdwn", ["text"] = new string('f', 2001) }).ToArray()) },
            new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray(button, button.DeepClone()) },
            new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Enumerable.Range(0, 11).Select(_ => (JsonNode)new JsonObject { ["type"] = "mrkdwn", ["text"] = "c" }).ToArray()) },
            new JsonObject { ["type"] = "input", ["label"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('l', 2001) }, ["element"] = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = new string('a', 256) } },
        };
        for (var i = 0; i < 45; i++)
        {
            blocks.Add(new JsonObject { ["type"] = "divider" });
        }

        var problems = BlockKitLimits.Check(blocks, isView: false);

        string[] expected =
        [
            "51 blocks", "block_id 'x' is used more than once", "text has 151", "text has 3001", "11 fields", "field 0 has 2001",
            "button text has 76", "button value has 2001", "action_id 'same' is used more than once", "11 elements", "label has 2001", "action_id has 256",
        ];
        Assert.All(expected, e => Assert.Contains(problems, p => p.Contains(e, StringComparison.Ordinal)));
        Assert.Empty(BlockKitLimits.Check(new JsonArray(blocks.Skip(6).Select(b => b!.DeepClone()).ToArray()), isView: false));
    }

    [Fact]
    public async Task OfficialTypes_AcceptEverythingRendered_AndLimitsFindNothing()
    {
        var cards = new Dictionary<string, Card>
        {
            ["help"] = SampleCards.Help(),
            ["my-tasks"] = SampleCards.MyTasks(),
            ["status-detail"] = SampleCards.StatusDetail(),
            ["everything-nasty-text"] = SampleCards.Everything(SampleCards.NastyText),
            ["everything-mentions"] = SampleCards.Everything($"{Mention} {Link}"),
            ["reject"] = RejectCard(),
            ["many-rows"] = ManyRows(120),
            ["long-text"] = new Card([new TextBlock(string.Join(' ', Enumerable.Repeat("word", 2000)), Subtle: true)]) { Title = new string('t', 200) },
            ["no-title"] = new Card([new TextBlock("Just text")]),
        };
        var files = new List<string>();
        var payloads = new List<(string Name, JsonArray Blocks, bool IsView)>();
        foreach (var (name, card) in cards)
        {
            var messages = BlockKitRenderer.RenderMessages(card);
            for (var i = 0; i < messages.Count; i++)
            {
                files.Add(BlockKitChecker.Write(_dir, $"{name}-message{i + 1}", BlockKitChecker.Kind.Blocks, messages[i].Blocks));
                payloads.Add(($"{name} message {i + 1}", messages[i].Blocks, false));
            }

            var home = BlockKitRenderer.RenderHome(card);
            files.Add(BlockKitChecker.Write(_dir, $"{name}-home", BlockKitChecker.Kind.View, home));
            payloads.Add(($"{name} home", home["blocks"]!.AsArray(), true));
        }

        var homeOverflow = BlockKitRenderer.RenderHome(ManyRows(150));
        files.Add(BlockKitChecker.Write(_dir, "home-overflow", BlockKitChecker.Kind.View, homeOverflow));
        payloads.Add(("home overflow", homeOverflow["blocks"]!.AsArray(), true));

        BlockKitRenderer.TryReadButtonValue(
            Str(OfType(BlockKitRenderer.RenderMessages(RejectCard())[0].Blocks, "button").Single(b => Str(b["text"]!["text"]) == "Reject")["value"]),
            out _, out _, out var inputs);
        var modal = BlockKitRenderer.RenderInputModal("task.reject", "Reject task", "Reject", [.. inputs, new ModalInput("extra", "Extra", false, false, 9000, SampleCards.NastyText)], "{}");
        files.Add(BlockKitChecker.Write(_dir, "modal", BlockKitChecker.Kind.View, modal));
        payloads.Add(("modal", modal["blocks"]!.AsArray(), true));

        var outcome = await BlockKitChecker.CheckAsync(files);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(files.Count, outcome.Files.Count);
        Assert.All(outcome.Files, f => Assert.Empty(f.Errors));
        Assert.All(payloads, p => Assert.True(BlockKitLimits.Check(p.Blocks, p.IsView).Count == 0,
            $"{p.Name}: {string.Join("; ", BlockKitLimits.Check(p.Blocks, p.IsView))}"));
    }

    [Fact]
    public async Task OfficialTypes_RejectABadTextTypeAndAMrkdwnButtonLabel()
    {
        // Negative control: proves the checker really type-checks, rather than always passing.
        var good = BlockKitChecker.Write(_dir, "good", BlockKitChecker.Kind.Blocks, BlockKitRenderer.RenderMessages(SampleCards.Help())[0].Blocks);
        var badSection = BlockKitChecker.Write(_dir, "bad-section", BlockKitChecker.Kind.Blocks, JsonNode.Parse(
            """[{"type":"section","text":{"type":"mrkdwnx","text":"hi"}}]""")!);
        var badButton = BlockKitChecker.Write(_dir, "bad-button", BlockKitChecker.Kind.Blocks, JsonNode.Parse(
            """[{"type":"actions","elements":[{"type":"button","action_id":"a","text":{"type":"mrkdwn","text":"*Go*"}}]}]""")!);
        var badModal = BlockKitChecker.Write(_dir, "bad-modal", BlockKitChecker.Kind.View, JsonNode.Parse(
            """{"type":"modal","title":{"type":"plain_text","text":"T"},"blocks":[{"type":"sectionx","text":{"type":"mrkdwn","text":"x"}}]}""")!);

        var outcome = await BlockKitChecker.CheckAsync([good, badSection, badButton, badModal]);

        Assert.Equal(1, outcome.ExitCode);
        var byFile = outcome.Files.ToDictionary(f => Path.GetFileName(f.File), f => f.Errors);
        Assert.Empty(byFile["good.json"]);
        Assert.Contains(byFile["bad-section.json"], e => e.Contains("mrkdwnx", StringComparison.Ordinal));
        Assert.Contains(byFile["bad-button.json"], e => e.Contains("plain_text", StringComparison.Ordinal));
        Assert.Contains(byFile["bad-modal.json"], e => e.Contains("sectionx", StringComparison.Ordinal));
    }

    private static Card RejectCard() => new(
    [
        new FactList([new Fact("Entity", "Acme India Pvt Ltd")]),
        new TextInput("comment", "Comment") { Placeholder = "Why?", Multiline = true, MaxLength = 500 },
        new ActionSet(
        [
            new CardAction("task.approve", "Approve") { Style = CardActionStyle.Positive, Data = Task("t-101") },
            new CardAction("task.reject", "Reject")
            {
                Style = CardActionStyle.Destructive,
                Data = new Dictionary<string, string> { ["taskId"] = "t-101", ["note"] = SampleCards.NastyText },
                RequiredInputs = ["comment"],
            },
        ]),
    ])
    {
        Title = "Approve GSTR-3B for June?",
    };

    private static Card ManyRows(int count) => new(
    [
        new Section("Acme India Pvt Ltd",
        [
            new ItemList(Enumerable.Range(1, count)
                .Select(i => new ItemRow($"Task {i}", $"Due in {i} days", [new CardAction("task.open", "Open") { Data = Task($"t-{i}") }]))
                .ToList()),
        ]),
    ])
    {
        Title = "Your tasks",
        Subtitle = $"{count} open tasks",
    };

    private static Dictionary<string, string> Task(string taskId) => new() { ["taskId"] = taskId };

    private static string MrkdwnOf(JsonNode section)
    {
        Assert.Equal("mrkdwn", Str(section["text"]!["type"]));
        return Str(section["text"]!["text"]);
    }

    private static (string Verb, IReadOnlyDictionary<string, string> Data, IReadOnlyList<ModalInput> Inputs) ReadValue(string value)
    {
        Assert.True(BlockKitRenderer.TryReadButtonValue(value, out var verb, out var data, out var inputs), value);
        return (verb, data, inputs);
    }

    private static int Count(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
