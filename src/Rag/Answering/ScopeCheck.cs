using System.Text.RegularExpressions;

namespace ComplianceOs.Rag.Answering;

/// <summary>
/// Questions the assistant must not answer whatever the knowledge base holds: other countries, investment advice,
/// predictions, requests to act on a government portal, and anything that is not about compliance at all.
/// </summary>
public static partial class ScopeCheck
{
    private static readonly string[] Countries =
    [
        "usa", "united states", "america", "american", "uk", "united kingdom", "britain", "british", "england", "hmrc", "irs",
        "singapore", "iras", "uae", "dubai", "abu dhabi", "saudi", "australia", "australian", "canada", "canadian",
        "germany", "german", "france", "european union", "eu vat", "vat", "sales tax", "1099", "w-2", "w2", "1040",
        "federal tax", "delaware", "nepal", "sri lanka", "bangladesh", "japan", "china", "hong kong", "zakat",
    ];

    private static readonly string[] Markets =
    [
        "mutual fund", "mutual funds", "crypto", "bitcoin", "sensex", "nifty", "ipo", "stock tip", "stock tips",
        "share price", "shares to buy", "equity fund", "fd rate", "fd rates", "fixed deposit rate", "forex",
    ];

    /// <summary>Market words that are advice only when advice is asked for ("should we buy gold").</summary>
    private static readonly string[] MaybeMarkets = ["invest", "investing", "investment", "investments", "gold", "real estate", "stocks", "shares", "portfolio", "sip", "property"];

    private static readonly string[] AdviceWords = ["should", "best", "good", "recommend", "buy", "sell", "where to", "which", "worth", "better", "safe"];

    private static readonly string[] ChangeWords =
    [
        "extend", "extended", "extension", "change", "changed", "increase", "increased", "reduce", "reduced", "cut",
        "hike", "hiked", "announce", "announced", "scrap", "scrapped", "waive", "waived", "relax", "relaxed", "postpone", "postponed",
    ];

    private static readonly string[] PortalTargets =
    [
        "portal", "traces", "mca21", "e-filing", "efiling", "for me", "on my behalf", "for us", "on our behalf", "yourself",
        "my password", "password", "otp", "credentials", "login id", "dsc",
    ];

    private static readonly string[] ActVerbs = ["file", "pay", "submit", "upload", "login", "log in", "sign in", "register", "generate", "download", "deposit", "e-verify", "verify", "make the payment"];

    private static readonly string[] Asks = ["can you", "could you", "will you", "would you", "can u", "could u", "will u", "would u", "u can", "you can", "please", "pls", "plz", "kindly", "kar do", "kardo", "karo"];

    private static readonly HashSet<string> DomainWords = new(StringComparer.Ordinal)
    {
        "gst", "gstr", "gstin", "cgst", "sgst", "igst", "tds", "tcs", "tax", "taxes", "itr", "income", "return", "returns",
        "filing", "file", "filed", "challan", "chalan", "late", "fee", "fees", "penalty", "interest", "due", "deadline",
        "form", "forms", "roc", "mca", "company", "companies", "llp", "partner", "partners", "director", "directors",
        "audit", "auditor", "auditors", "epf", "pf", "epfo", "esi", "esic", "employee", "employees", "salary", "wages",
        "professional", "pt", "compliance", "compliances", "statutory", "section", "notification", "circular", "cbic",
        "cbdt", "qrmp", "iff", "invoice", "invoices", "itc", "credit", "agm", "board", "kyc", "din", "msme", "deposit",
        "deposits", "pan", "tan", "payment", "pay", "paid", "advance", "assessment", "deductor", "deductee", "deduction",
        "refund", "ledger", "arn", "acknowledgement", "xbrl", "financial", "statements", "accounts", "annual", "quarterly",
        "monthly", "nil", "turnover", "aato", "registration", "registered", "obligation", "obligations", "extension",
        "contribution", "gratuity", "bonus", "payroll", "ecr", "uan", "cin", "llpin", "shareholder", "dividend", "ptrc",
        "ptec", "composition", "reverse", "charge", "rcm", "e-invoice", "eway", "e-way", "hsn", "pmt-06", "status",
        "overdue", "pending", "approve", "approved", "evidence", "proof", "rule", "rate", "slab", "threshold", "act",
        "rules", "penalties", "form16", "transfer", "pricing", "tp", "ecb", "fema", "rbi", "exemption", "exempt", "limit",
    };

    /// <param name="namesObligation">Whether the question names an obligation the catalog knows (a strong sign it is in scope).</param>
    public static Decline? Check(string question, bool namesObligation)
    {
        var original = " " + Squash().Replace(question, " ") + " ";
        var text = original.ToLowerInvariant();
        if (PastTense().IsMatch(text) && !text.Contains("for me", StringComparison.Ordinal))
        {
            // "filed on portal, arn …" reports work done; it is not a request.
            return null;
        }

        if (IsPortalAction(text))
        {
            return Decline.For(DeclineReason.PortalAction);
        }

        if (Any(text, Countries) || original.Contains(" US ", StringComparison.Ordinal) || original.Contains(" U.S.", StringComparison.Ordinal)
            || UsTax().IsMatch(text))
        {
            return Decline.For(DeclineReason.OtherCountry);
        }

        if (Any(text, Markets) || (Any(text, MaybeMarkets) && Any(text, AdviceWords)))
        {
            return Decline.For(DeclineReason.Investment);
        }

        if (IsPrediction(text))
        {
            return Decline.For(DeclineReason.Prediction);
        }

        if (!namesObligation && !text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => DomainWords.Contains(w.Trim('?', '.', ',', '!', ':', ';', '\'', '"'))))
        {
            return Decline.For(DeclineReason.OutsideCompliance);
        }

        return null;
    }

    private static bool IsPortalAction(string text)
    {
        var acts = ActVerbs.Any(v => text.Contains(" " + v + " ", StringComparison.Ordinal));
        if (!acts || text.Contains(" how ", StringComparison.Ordinal) || text.Contains(" kaise ", StringComparison.Ordinal))
        {
            return false;
        }

        var startsWithVerb = ActVerbs.Any(v => text.TrimStart().StartsWith(v + " ", StringComparison.Ordinal));
        var asks = Any(text, Asks);
        var onBehalf = Any(text, ["for me", "on my behalf", "for us", "on our behalf", "yourself"]);
        return onBehalf || ((startsWithVerb || asks) && Any(text, PortalTargets));
    }

    private static bool IsPrediction(string text)
    {
        if (Any(text, ["predict", "prediction", "forecast", "rumour", "rumor", "chances of", "any chance"]))
        {
            return true;
        }

        if (Any(text, ["likely to", "expected to", "going to", "expect", "do you think", "do u think", "you think"]) && Any(text, ChangeWords))
        {
            return true;
        }

        // "what will the GST rate on cars be next year"
        if (text.Contains(" will ", StringComparison.Ordinal) && Any(text, ["next year", "next month", "next quarter", "next budget", "coming budget", "upcoming budget", "in future", "in the future", "future", "next fy", "2027", "2028"]))
        {
            return true;
        }

        // "will the government extend …", "will gst rate change next year"
        return text.Contains(" will ", StringComparison.Ordinal) && Any(text, ChangeWords)
            && Any(text, ["government", "govt", "cbic", "cbdt", "mca", "gst council", "council", "epfo", "they", "rate", "rates", "deadline", "due date", "next year", "next month", "budget"]);
    }

    private static bool Any(string text, IEnumerable<string> phrases) =>
        phrases.Any(p => text.Contains(" " + p + " ", StringComparison.Ordinal) || text.Contains(" " + p + "?", StringComparison.Ordinal));

    [GeneratedRegex(@"[\s,;:!()\[\]""]+")]
    private static partial Regex Squash();

    [GeneratedRegex(@" (filed|paid|submitted|deposited|uploaded) ")]
    private static partial Regex PastTense();

    [GeneratedRegex(@" us (sales|tax|taxes|federal|state|llc|corp|company|subsidiary|entity|gaap|payroll|irs) ")]
    private static partial Regex UsTax();
}
