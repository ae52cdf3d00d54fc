using ComplianceOs.BotHost.Cards;

namespace ComplianceOs.Integration.Tests.Cards;

/// <summary>Cards shaped like the bot's real replies, shared by the renderer and parser tests.</summary>
internal static class SampleCards
{
    public const string NastyText = "Quote \" back\\slash\nnew line <script>alert(1)</script> {\"x\":1} emoji 🚀✅ ünïcödé";

    public static Card Help() => new(
    [
        new TextBlock("Here is what I can do:", Emphasis: true),
        new TextBlock("• my tasks — what is due for you"),
        new TextBlock("• status <task id> — one task in detail", Subtle: true),
        new ActionSet([new CardAction("tasks.mine", "My tasks", CardActionKind.Submit)]),
    ])
    {
        Title = "Compliance OS",
    };

    public static Card MyTasks() => new(
    [
        new Section("Acme India Pvt Ltd",
        [
            new ItemList(
            [
                Row("GSTR-3B for June", "Due 20 Jul 2026 · Overdue", "t-101"),
                Row("TDS return Q1", "Due 31 Jul 2026", "t-102"),
            ]),
        ]),
        new Section("Acme Exports LLP",
        [
            new ItemList([Row("ROC annual return", null, "t-201")]),
        ]),
    ])
    {
        Title = "Your tasks",
        Subtitle = "3 open tasks across 2 entities",
    };

    public static Card StatusDetail() => new(
    [
        new StatusBadge(StatusTone.Attention, "Overdue by 3 days"),
        new FactList(
        [
            new Fact("Entity", "Acme India Pvt Ltd"),
            new Fact("Due", "20 Jul 2026"),
            new Fact("Owner", "Priya Sharma"),
        ]),
        new TextInput("comment", "Comment") { Placeholder = "What was filed?", Multiline = true, MaxLength = 500 },
        new TextInput("ackNumber", "Acknowledgement number") { Required = true, MaxLength = 40 },
        new ActionSet(
        [
            new CardAction("task.complete", "Mark filed") { Style = CardActionStyle.Positive, Data = TaskData("t-101") },
            new CardAction("task.snooze", "Snooze a week") { Data = TaskData("t-101") },
            new CardAction("task.reject", "Not applicable") { Style = CardActionStyle.Destructive, Data = TaskData("t-101") },
            new CardAction("help", "Help", CardActionKind.Submit),
        ]),
    ])
    {
        Title = "GSTR-3B for June",
        Subtitle = "Goods and Services Tax · monthly",
        Refresh = new CardRefresh("task.refresh", TaskData("t-101"), ["29:1aBcD-user", "29:2eFgH-user"]),
    };

    /// <summary>Every block kind in one card, with user text wherever text can go.</summary>
    public static Card Everything(string userText) => new(
    [
        new TextBlock(userText),
        new FactList([new Fact(userText, userText)]),
        new StatusBadge(StatusTone.Warning, userText),
        new Section(userText, [new ItemList([new ItemRow(userText, userText, [new CardAction("task.open", userText) { Data = new Dictionary<string, string> { ["note"] = userText } }])])]),
        new TextInput("note", userText) { Placeholder = userText, Required = true },
        new ActionSet([new CardAction("go", userText, CardActionKind.Submit) { Data = new Dictionary<string, string> { ["q"] = userText } }]),
        new LinkList([new Link(userText, "https://cleartax.in/s/gst-calendar"), new Link(userText, null)]),
    ])
    {
        Title = userText,
        Subtitle = userText,
        Refresh = new CardRefresh("task.refresh", new Dictionary<string, string> { ["q"] = userText }, [userText]),
    };

    private static ItemRow Row(string title, string? subtitle, string taskId) => new(title, subtitle,
    [
        new CardAction("task.complete", "Done") { Style = CardActionStyle.Positive, Data = TaskData(taskId) },
        new CardAction("task.open", "Details", CardActionKind.Submit) { Data = TaskData(taskId) },
    ]);

    private static Dictionary<string, string> TaskData(string taskId) => new() { ["taskId"] = taskId };
}
