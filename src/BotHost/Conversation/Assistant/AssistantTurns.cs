using System.Text.Json;
using System.Text.RegularExpressions;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Parsing;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Domain.Knowledge.RateAnswer;
using ComplianceOs.Rag.Answering;
using NodaTime;

namespace ComplianceOs.BotHost.Conversation.Assistant;

/// <summary>
/// The compliance assistant behind the conversation's question path, in the order that keeps it honest: refuse what
/// is out of scope; answer questions about the team's own work from the database; compute due dates with the rule
/// engine; answer everything else from cited passages, or say plainly that nothing supports an answer.
/// </summary>
public sealed partial class AssistantTurns(DueDateAnswers dates, MyWorkAnswers work, PassageAnswerer passages, RateAnswerHandler rate)
{
    /// <summary>The verb of the "was this helpful?" buttons.</summary>
    public const string FeedbackVerb = "assistant.feedback";

    private const string AnswerKey = "answerId";
    private const string HelpfulKey = "helpful";
    private const string QuestionKey = "question";
    private const string KindKey = "kind";
    private const string SourcesKey = "sources";

    /// <summary>The answer with its "was this helpful?" buttons.</summary>
    public async Task<ConversationReply> AnswerAsync(ResolvedIdentity identity, ParsedMessage parsed, string text, LocalDate today, CancellationToken ct)
    {
        var answer = await AnswerOnlyAsync(identity, parsed, text, today, ct);
        var card = WithFeedback(answer, text);
        return answer.Private ? ConversationReply.ForAsker(card) : ConversationReply.Shared(card);
    }

    /// <summary>The answer alone: what the evaluation grades.</summary>
    public async Task<AssistantAnswer> AnswerOnlyAsync(ResolvedIdentity identity, ParsedMessage parsed, string text, LocalDate today, CancellationToken ct)
    {
        if (ScopeCheck.Check(text, parsed.ObligationCodes.Count > 0) is { } decline)
        {
            return Declined(decline);
        }

        // "what's due?" names nothing: it asks for the team's list.
        if (MyWorkAnswers.IsAbout(text, parsed)
            || (parsed.ObligationCodes.Count == 0 && ExplicitDue().IsMatch(" " + text.ToLowerInvariant() + " ") && QuestionWords.Significant(text).Count == 0))
        {
            return await work.AnswerAsync(identity, parsed, text, today, ct);
        }

        if (IsDueDateQuestion(text, parsed) && await dates.TryAnswerAsync(identity, parsed, text, today, ct) is { } due)
        {
            return due;
        }

        var prefer = (await dates.ApplicableCodesAsync(identity, ReferenceEvents.Subjects(parsed.ObligationCodes, text), text, ct)).Select(c => "master:" + c).ToList();
        var outcome = await passages.AnswerAsync(identity.TenantId, text, prefer, ct);
        if (outcome.Answer is not { } found)
        {
            return prefer.Count == 0 && QuestionWords.Significant(text).Count == 0
                ? new AssistantAnswer(new Card([new TextBlock("Which obligation do you mean? For example: \"late fee on GSTR-3B\" or \"who must file DPT-3\".")]), AnswerKind.Clarify, [], Private: false)
                : Declined(outcome.Decline!);
        }

        var blocks = new List<CardBlock> { new TextBlock(found.Text) };
        if (found.Generated)
        {
            blocks.Add(new TextBlock("Written by the configured language model from the passages below; every date, amount, rate and form number in it was checked against them.", Subtle: true));
        }

        blocks.Add(new Section("Sources", [new LinkList(found.Citations.Select(c => new Link($"[{c.Number}] {c.Label}", c.Url)).ToList())]));
        return new AssistantAnswer(new Card(blocks) { Title = "From the knowledge base" }, AnswerKind.Passages, found.Citations.Select(c => c.SourceKey).Distinct().ToList(), Private: false);
    }

    /// <summary>
    /// A due-date question: it names an obligation and asks when ("due", "deadline", "last date", "kab"), or names a
    /// period and asks about nothing else (fees, forms, evidence).
    /// </summary>
    public static bool IsDueDateQuestion(string text, ParsedMessage parsed)
    {
        if (parsed.ObligationCodes.Count == 0)
        {
            return false;
        }

        var lower = " " + text.ToLowerInvariant() + " ";
        if (ExplicitDue().IsMatch(lower))
        {
            return true;
        }

        return !Aspect().IsMatch(lower) && (When().IsMatch(lower) || parsed.Period is not null);
    }

    /// <summary>Whether the text asks when something is due ("due", "deadline", "last date", "kab", "by when").</summary>
    public static bool AsksWhenDue(string text) => ExplicitDue().IsMatch(" " + text.ToLowerInvariant() + " ") || When().IsMatch(text.ToLowerInvariant());

    /// <summary>Records a "was this helpful?" click; null when the button's data is not ours.</summary>
    public async Task<(bool Helpful, string Question)?> RateAsync(ResolvedIdentity identity, JsonElement data, string? correlationId, CancellationToken ct)
    {
        if (data.ValueKind != JsonValueKind.Object
            || Text(data, AnswerKey) is not { } id || !Guid.TryParse(id, out var answerId)
            || Text(data, HelpfulKey) is not ("yes" or "no") || Text(data, QuestionKey) is not { Length: > 0 } question
            || Text(data, KindKey) is not { } kind)
        {
            return null;
        }

        var helpful = Text(data, HelpfulKey) == "yes";
        var sources = (Text(data, SourcesKey) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ctx = new CommandContext(identity.TenantId, Actor.User(identity.User!.Id, identity.User.Name), identity.Channel, correlationId);
        var result = await rate.HandleAsync(ctx, new RateAnswerCommand(answerId, identity.User.Id, question, kind, sources, helpful), ct);
        return result.Succeeded ? (helpful, question) : null;
    }

    /// <summary>The answer card as it stands after a rating: the thanks in place of the buttons.</summary>
    public static Card Rated(Card answer, bool helpful) =>
        answer with { Blocks = [.. answer.Blocks, new TextBlock(helpful ? "Thanks, marked as helpful." : "Thanks, marked as not helpful; it will be reviewed.", Subtle: true)] };

    private static Card WithFeedback(AssistantAnswer answer, string question)
    {
        var id = Guid.NewGuid().ToString();
        var asked = question.Trim();
        asked = asked.Length > AssistantFeedback.MaxQuestionLength ? asked[..AssistantFeedback.MaxQuestionLength] : asked;
        Dictionary<string, string> Data(string helpful) => new()
        {
            [AnswerKey] = id,
            [HelpfulKey] = helpful,
            [QuestionKey] = asked,
            [KindKey] = answer.Kind.ToString(),
            [SourcesKey] = string.Join(' ', answer.Sources.Take(10)),
        };
        return answer.Card with
        {
            Blocks =
            [
                .. answer.Card.Blocks,
                new TextBlock("Was this helpful?", Subtle: true),
                new ActionSet([
                    new CardAction(FeedbackVerb, "Yes, helpful") { Data = Data("yes") },
                    new CardAction(FeedbackVerb, "Not helpful") { Data = Data("no") },
                ]),
            ],
        };
    }

    private static AssistantAnswer Declined(Decline decline) =>
        new(new Card([new TextBlock(decline.Message)]), AnswerKind.Decline, [], Private: false);

    private static string? Text(JsonElement data, string key) =>
        data.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex(@"\b(due|deadline|deadlines|last date|due date|kab tak|kab hai|by when|till when|until when|cut-?off)\b")]
    private static partial Regex ExplicitDue();

    [GeneratedRegex(@"\b(when|kab)\b")]
    private static partial Regex When();

    [GeneratedRegex(@"\b(fee|fees|penalty|penalties|penality|panelty|interest|fine|damages|skipped|skip|applicable|applicability|applies|apply|evidence|proof|documents|checklist|section|which form|what form|who|rate|rates|limit|threshold|mandatory|required|opt|how much|how many|amount|amt|deduct|slab)\b")]
    private static partial Regex Aspect();
}
