namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>
/// Corrects a word of four or more letters that is one edit away from a word the parser understands ("staus",
/// "aprove", "overdeu", "dashbaord", "febuary"). Real English words that sit one edit from a keyword ("date" from
/// "late", "sending" from "pending", "match" from "march") are left alone, and four-letter keywords only absorb a
/// swap ("hepl"), because a single substitution turns too many everyday words into commands ("fine" → "file").
/// </summary>
internal static class Typos
{
    private static readonly string[] Keywords =
    [
        "status", "start", "started", "begin", "working", "submit", "submitted", "approve", "approved", "approval", "reject",
        "rejected", "block", "blocked", "unblock", "unblocked", "comment", "reassign", "assign", "assigned", "dashboard",
        "control", "tower", "summary", "overview", "history", "audit", "trail", "changed", "overdue", "pending", "delayed",
        "missed", "upcoming", "help", "hello", "namaste", "namaskar", "morning", "evening", "afternoon", "because", "reason",
        "tasks", "task", "week", "days", "seven", "todo", "late", "file", "filed", "filing", "note", "remark", "paid",
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
        "professional", "provident", "advance", "return", "payment", "deposit", "challan", "income", "annual", "quarter",
        "month", "previous", "current", "financial", "progress", "deposited", "general", "meeting", "transfer", "pricing",
        "report", "auditor", "appointment", "statement", "what", "when", "which", "does",
    ];

    private static readonly HashSet<string> KeywordSet = [.. Keywords];

    // Everyday words one edit away from a keyword; correcting them would invent commands.
    private static readonly HashSet<string> RealWords =
    [
        "date", "data", "dates", "state", "stated", "stat", "stats", "star", "stars", "fine", "sent", "send", "lock", "rock",
        "test", "what's", "that", "than", "then", "them", "they", "when's", "have", "gave", "save", "sending", "spending",
        "ending", "lending", "bending", "tending", "match", "marsh", "lower", "power", "trial", "train", "trait", "season",
        "weak", "seek", "work", "worked", "works", "done", "none", "gone", "tell", "will", "well", "till", "fill", "mile",
        "tile", "files", "filer", "filers", "notes", "noted", "vote", "paid", "pain", "said", "raid", "form", "forms", "firm",
        "farm", "from", "rate", "gate", "mate", "late", "later", "latest", "plate", "deposits", "returns", "returned",
        "reports", "audits", "audited", "months", "meetings", "payments", "quarters", "quarterly", "annually", "tasks",
        "where", "there", "here", "whom", "whose", "chart", "smart", "starts", "starting", "doesn't", "dose", "does",
        "assets", "assign", "design", "resign", "sign", "block", "blocks", "clock", "flock", "helps", "held", "hold",
        "hello", "yellow", "fellow", "remarks", "marks", "market", "dashboards", "summaries", "history", "mystery",
        "failed", "fails", "failing",
    ];

    public static string Correct(string word)
    {
        if (word.Length < 4 || !word.All(char.IsAsciiLetterLower) || KeywordSet.Contains(word) || RealWords.Contains(word))
        {
            return word;
        }

        foreach (var keyword in Keywords)
        {
            var fits = keyword.Length >= 5 ? EditDistance.WithinOne(word, keyword) : EditDistance.IsSingleSwap(word, keyword);
            if (fits)
            {
                return keyword;
            }
        }

        return word;
    }
}
