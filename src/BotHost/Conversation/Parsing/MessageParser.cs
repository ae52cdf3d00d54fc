using NodaTime;

namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>
/// Reads a message typed in Teams or Slack the way finance people write ("bhai 3b ka status batao march ka",
/// "aprove gstr-3b mar 25", "filed, arn AA270326012345X") into an intent, candidate obligations, a period, an entity
/// hint and a free-text argument. Pure and deterministic: no database, no clock.
/// </summary>
public static class MessageParser
{
    private static readonly HashSet<string> GreetingWords =
    [
        "hi", "hii", "hiii", "hello", "helo", "hey", "heya", "hlo", "namaste", "namaskar", "namaskaar", "gm", "good",
        "morning", "afternoon", "evening", "team", "all", "everyone", "folks", "there", "ram", "salaam", "hola",
    ];

    private static readonly HashSet<string> QuestionStarts = ["when", "what", "whats", "which", "how", "why", "is", "does", "can", "are", "do", "should", "will", "who", "where", "has", "have", "did", "was", "were"];
    private static readonly HashSet<string> HinglishQuestions = ["kab", "kaise", "kitna", "kitni", "kitne", "kyun", "kyu", "konsa", "kaunsa", "kaun"];
    private static readonly HashSet<Intent> ListIntents = [Intent.MyTasks, Intent.Overdue, Intent.DueThisWeek, Intent.Dashboard, Intent.Deliveries];

    // "late fee on 3b", "penalty for late dir-3 kyc", "3b due date march": about the rule, not a request for the card.
    private static readonly HashSet<string> TopicWords =
    [
        "fee", "fees", "penalty", "penalties", "interest", "fine", "damages", "applicable", "applicability", "evidence",
        "proof", "documents", "section", "deadline", "rule", "rules", "rate", "threshold", "limit", "meaning", "explain",
        "kab", "due", "when", "form", "forms", "checklist", "which", "what", "who", "how", "keep", "legal", "basis",
        "compulsory", "mandatory", "required", "necessary", "applies", "apply", "eligible", "opt", "penality", "panelty",
        "amount", "amt", "much", "many", "deduct",
    ];

    // Workflow commands never ask what lateness costs: "26q filed late, will 271h penalty come?" is a question.
    private static readonly HashSet<string> CostWords = ["fee", "fees", "penalty", "penalties", "penality", "panelty", "interest", "damages", "fine"];

    /// <summary>Parses one message.</summary>
    /// <param name="text">The message as typed (mentions of the bot already removed by the channel adapter).</param>
    /// <param name="today">The person's today, against which bare month and quarter names are resolved.</param>
    public static ParsedMessage Parse(string text, LocalDate today)
    {
        var message = MessageText.Read(text);
        var tokens = message.Tokens;
        var first = 0;
        while (first < tokens.Count && GreetingWords.Contains(tokens[first].Text))
        {
            first++;
        }

        if (tokens.Count == 0)
        {
            return new ParsedMessage(Intent.Unknown, [], null, null, null);
        }

        if (first == tokens.Count)
        {
            return new ParsedMessage(Intent.Greeting, [], null, null, null);
        }

        var phrase = IntentReader.FirstPhrase(message, first);
        var questionStart = QuestionStarts.Contains(tokens[first].Text) || tokens.Any(t => HinglishQuestions.Contains(t.Text));
        var verb = phrase?.Intent;
        if (verb is Intent.File or Intent.Submit or Intent.Start or Intent.Block
            && (tokens.Any(t => CostWords.Contains(t.Text))
                || (ArgumentReader.NamedReference(message.Original).Value is null && AsksSomething(message))))
        {
            verb = null;
            phrase = null;
            questionStart = true;
        }

        // A filing reference named as such ("arn …", "challan no …") is a filing even without the verb.
        if (verb is null or Intent.Status && ArgumentReader.NamedReference(message.Original).Value is not null)
        {
            verb = Intent.File;
        }

        var verbEnd = phrase is { } p ? tokens[p.At + p.Words - 1].End : 0;
        var argument = verb is { } v ? ArgumentReader.Read(v, message.Original, verbEnd) : ArgumentReader.Argument.None;
        var subject = Subject.Read(message, first, phrase, argument.Covers, today);

        // Topic words inside an obligation's name ("form 11") do not count.
        var asksAbout = verb is null && tokens.Where((t, i) => !subject.Used[i]).Any(t => TopicWords.Contains(t.Text));
        var intent = Decide(verb, questionStart || asksAbout, message.EndsWithQuestionMark, subject);
        if (intent == Intent.Question)
        {
            subject = Subject.Read(message, first, phrase, _ => false, today);
            argument = new ArgumentReader.Argument(message.Original.Trim(), 0, message.Original.Length);
        }

        // A question's argument is the whole text, so it must not hide the entity the question is about.
        Func<Token, bool> hidden = intent == Intent.Question ? _ => false : argument.Covers;
        var entity = EntityHintReader.Read(message, subject.Used, hidden, introducedOnly: intent is Intent.Question or Intent.Unknown);
        return new ParsedMessage(intent, Prefer(subject.Codes, entity, tokens.Any(t => t.Text is "llp" or "llps")), subject.Period, entity, argument.Value);
    }

    // "in which case do we have to file it", "do we need to file dpt-3": asking about filing, not reporting it.
    private static bool AsksSomething(MessageText message)
    {
        var words = message.Tokens.Select(t => t.Text).ToList();
        return words.Any(w => w is "which" or "what" or "whats" or "when" or "how" or "why" or "who" or "whether" || HinglishQuestions.Contains(w))
            || string.Join(' ', words) is var joined && (joined.Contains("have to", StringComparison.Ordinal) || joined.Contains("need to", StringComparison.Ordinal)
                || joined.Contains("do we", StringComparison.Ordinal) || joined.Contains("should we", StringComparison.Ordinal) || joined.Contains("is it", StringComparison.Ordinal));
    }

    private static Intent Decide(Intent? verb, bool questionStart, bool endsWithQuestionMark, Subject subject)
    {
        if (verb is Intent.Help or Intent.History)
        {
            return verb.Value;
        }

        var named = subject.Codes.Count > 0 || subject.Period is not null;
        if (questionStart)
        {
            // "what's pending?", "is anything overdue?" ask for a list; "is 3b overdue for march?" asks about one thing.
            return verb is { } v && ((ListIntents.Contains(v) && subject.Codes.Count == 0) || v == Intent.Status) ? v : Intent.Question;
        }

        // A command with a trailing "?" ("3b march status?") is still the command.
        if (verb is { } command)
        {
            return command;
        }

        return endsWithQuestionMark ? Intent.Question : named ? Intent.Status : Intent.Unknown;
    }

    // An ITR for "the LLP" is most likely ITR-5, not the company's ITR-6; an LLP's annual return is Form 11, not MGT-7.
    private static IReadOnlyList<string> Prefer(IReadOnlyList<string> codes, string? entity, bool saysLlp)
    {
        if (!saysLlp && !(entity?.Contains("LLP", StringComparison.Ordinal) ?? false))
        {
            return codes;
        }

        var mapped = codes.Select(c => c == "MGT7" ? "LLP_FORM11" : c).Distinct().ToList();
        return mapped.Contains("ITR5_LLP") ? [.. mapped.OrderBy(c => c == "ITR5_LLP" ? 0 : 1)] : mapped;
    }
}
