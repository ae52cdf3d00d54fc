namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>
/// The words and phrases that signal each intent, as typed after fillers are dropped. When several appear, the one
/// written first wins ("reject … because approval pending" is a rejection), so the order here only breaks ties.
/// </summary>
internal static class IntentPhrases
{
    public static readonly IReadOnlyList<(Intent Intent, string[] Words)> All = Build(
        // First: "failed deliveries" is not a filing ("failed" reads as a typo of "filed").
        (Intent.Deliveries, ["deliveries", "failed deliveries", "delivery failures", "delivery problems", "undelivered",
            "failed notifications", "notification failures"]),
        (Intent.Unblock, ["unblock", "unblocked", "unhold", "resume", "resolved blocker"]),
        (Intent.Submit, ["submit", "submitted", "send for approval", "sent for approval", "submit for approval", "for approval",
            "send for review", "sent for review", "ready for review", "for review", "bhej do", "bhejo"]),
        (Intent.Reject, ["reject", "rejected", "send back", "sent back", "decline", "declined", "not approved", "wapas bhejo"]),
        (Intent.Approve, ["approve", "approved", "lgtm", "looks good", "sign off", "signed off", "go ahead"]),
        (Intent.Reassign, ["reassign", "re assign", "assign", "hand over", "handover", "transfer to"]),
        (Intent.File, ["file", "filed", "filing done", "paid", "deposited", "submitted on portal", "mark filed", "mark as filed"]),
        (Intent.Block, ["block", "blocked", "stuck", "on hold", "hold"]),
        (Intent.Comment, ["comment", "note", "remark", "add note", "add comment"]),
        (Intent.Start, ["start", "started", "starting", "begin", "working on", "work on", "pick up", "picked up", "shuru"]),
        (Intent.Dashboard, ["dashboard", "control tower", "summary", "overview", "cfo view", "snapshot"]),
        (Intent.History, ["history", "audit trail", "audit log", "who changed", "changelog", "change log", "timeline"]),
        (Intent.Help, ["help", "what can you do", "what do you do", "commands", "menu", "how to use", "how does this work",
            "how do i use", "kya kar sakte"]),
        (Intent.DueThisWeek, ["this week", "next 7 days", "next seven days", "coming week", "upcoming", "due soon",
            "is hafte", "iss hafte", "this wk"]),
        (Intent.Overdue, ["overdue", "late", "missed", "delayed", "past due", "breached"]),
        (Intent.MyTasks, ["pending", "todo", "to do", "my tasks", "my task", "my work", "my items", "my list", "my queue",
            "assigned to me", "on my plate", "mera kaam", "kaam", "tasks"]),
        (Intent.Status, ["status", "stat", "stats", "progress", "update", "where is", "kahan tak", "kaha tak"]));

    private static List<(Intent, string[])> Build(params (Intent Intent, string[] Phrases)[] groups) =>
        [.. groups.SelectMany(g => g.Phrases.Select(p => (g.Intent, p.Split(' '))))];
}
