using System.Text.Json;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Assistant;
using ComplianceOs.BotHost.Conversation.Dashboard;
using ComplianceOs.BotHost.Conversation.Help;
using ComplianceOs.BotHost.Conversation.History;
using ComplianceOs.BotHost.Conversation.Parsing;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.BotHost.Conversation.Tasks;
using ComplianceOs.BotHost.Conversation.Workflow;
using ComplianceOs.Domain.Channels;
using NodaTime;

namespace ComplianceOs.BotHost.Conversation;

/// <summary>
/// The channel-neutral conversation: what a known person typed or clicked, turned into queries and workflow commands
/// and answered with the card model. Channel adapters (Teams, Slack) resolve the person, deliver the reply and
/// render the card; nothing here knows which channel it is.
/// </summary>
public sealed class ConversationCore(
    HelpCards help,
    TaskLists tasks,
    ObligationCards obligations,
    WorkflowTurns workflow,
    ControlTower tower,
    DeliveryProblems deliveries,
    ObligationHistory history,
    AssistantTurns assistant,
    Evidence.EvidenceTurns evidence,
    ConversationFocusStore focus,
    TimeProvider clock)
{
    public const int MaxTextLength = 10_000;

    /// <summary>The verb of the "show this obligation" button; its data carries <see cref="ObligationCards.InstanceKey"/>.</summary>
    public const string StatusVerb = ObligationCards.Verb;

    public Card Welcome(string? name) => help.Help(name);

    public Card NoAccess() => help.NoAccess();

    /// <param name="correlationId">The channel's message id, recorded with any audit entry the turn writes.</param>
    /// <param name="viewerId">The person's id in the channel, for cards that refresh for their viewer.</param>
    public async Task<ConversationReply> AnswerAsync(ResolvedIdentity identity, string text, string? correlationId, string? viewerId, CancellationToken ct)
    {
        if (text.Length > MaxTextLength)
        {
            return ConversationReply.Sentence($"That message is longer than {MaxTextLength:N0} characters; please send a shorter one.");
        }

        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(DateTimeZoneProviders.Tzdb[identity.TimeZone]).Date;
        var parsed = MessageParser.Parse(text, today);
        if (parsed.Intent is Intent.File or Intent.Submit or Intent.Start
            && ComplianceOs.Rag.Answering.ScopeCheck.Check(text, parsed.ObligationCodes.Count > 0) is { Reason: ComplianceOs.Rag.Answering.DeclineReason.PortalAction })
        {
            // "pls file my 3B on the portal" asks us to act on the portal, which only the signatory can.
            return await assistant.AnswerAsync(identity, parsed, text, today, ct);
        }

        return parsed.Intent switch
        {
            // "what's overdue for the LLP?" is about an entity's work, not only the asker's own tasks.
            Intent.MyTasks or Intent.DueThisWeek or Intent.Overdue when parsed.EntityHint is not null =>
                await assistant.AnswerAsync(identity, parsed, text, today, ct),
            Intent.MyTasks or Intent.DueThisWeek or Intent.Overdue =>
                ConversationReply.ForAsker(await tasks.MyTasksAsync(identity, ct, parsed.Intent, today)),
            Intent.Status when AssistantTurns.IsDueDateQuestion(text, parsed) && AssistantTurns.AsksWhenDue(text) =>
                await assistant.AnswerAsync(identity, parsed, text, today, ct),
            Intent.Status => await StatusAsync(identity, parsed, text, today, viewerId, ct),
            Intent.Question => await assistant.AnswerAsync(identity, parsed, text, today, ct),
            Intent.Greeting or Intent.Help => ConversationReply.Shared(help.Help(identity.User!.Name)),
            Intent.Start or Intent.Submit or Intent.Approve or Intent.Reject or Intent.File or Intent.Block or Intent.Unblock or Intent.Comment or Intent.Reassign =>
                ConversationReply.ForAsker(await workflow.ExecuteTypedAsync(identity, parsed, text, correlationId, viewerId, ct)),
            Intent.Dashboard => ConversationReply.ForAsker(await tower.BuildAsync(identity, today, ct)),
            Intent.Deliveries => ConversationReply.ForAsker(await deliveries.BuildAsync(identity, ct)),
            Intent.History => ConversationReply.ForAsker(await history.BuildAsync(identity, parsed, ct)),
            Intent.Unknown when MessageText.Read(text).Tokens.Count >= 2 => await assistant.AnswerAsync(identity, parsed, text, today, ct),
            _ => ConversationReply.Shared(help.Help(identity.User!.Name) with { Subtitle = "I did not understand that. Here is what I can do:" }),
        };
    }

    /// <summary>Files dropped into the chat, with the words sent with them: evidence for an obligation's slot.</summary>
    public Task<ConversationReply> ReceiveFilesAsync(ResolvedIdentity identity, IReadOnlyList<Evidence.IncomingFile> files, string text, string? correlationId, string? viewerId, CancellationToken ct) =>
        text.Length > MaxTextLength
            ? Task.FromResult(ConversationReply.Sentence($"That message is longer than {MaxTextLength:N0} characters; please send a shorter one."))
            : evidence.ReceiveAsync(identity, files, text, correlationId, viewerId, ct);

    /// <summary>
    /// An obligation the person has (their instance card), else — when nothing of theirs fits, as for a period before
    /// their obligations were tracked — the due date the rules give for it.
    /// </summary>
    private async Task<ConversationReply> StatusAsync(ResolvedIdentity identity, ParsedMessage parsed, string text, LocalDate today, string? viewerId, CancellationToken ct)
    {
        var found = await obligations.FindOneAsync(identity, parsed, ct);
        if (found.InstanceId is { } id && await obligations.ByIdAsync(identity, id, viewerId, ct) is { } card)
        {
            // A file dropped next goes to the obligation just looked at.
            await focus.RememberAsync(identity.TenantId, identity.User!.Id, id, null, ct);
            return ConversationReply.ForAsker(card);
        }

        return found.NothingFound && parsed.ObligationCodes.Count > 0
            ? await assistant.AnswerAsync(identity, parsed, text, today, ct)
            : ConversationReply.ForAsker(found.Answer!);
    }

    /// <summary>
    /// A button: show an obligation, or a workflow step on it (with the version the card showed and any inputs
    /// collected on it). Null when the obligation is not available to the person or the button is not ours; another
    /// tenant's or an unseen entity's instance looks exactly like one that does not exist.
    /// </summary>
    public async Task<Card?> ActAsync(ResolvedIdentity identity, string verb, JsonElement data, string? correlationId, string? viewerId, CancellationToken ct)
    {
        if (verb == AssistantTurns.FeedbackVerb)
        {
            if (await assistant.RateAsync(identity, data, correlationId, ct) is not { } rated)
            {
                return null;
            }

            // Answers are not stored: the same question is answered again, with the thanks in place of the buttons.
            var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(DateTimeZoneProviders.Tzdb[identity.TimeZone]).Date;
            var again = await assistant.AnswerOnlyAsync(identity, MessageParser.Parse(rated.Question, today), rated.Question, today, ct);
            return AssistantTurns.Rated(again.Card, rated.Helpful);
        }

        if (verb == StatusVerb)
        {
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty(ObligationCards.InstanceKey, out var id)
                && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var instanceId)
                && await obligations.ByIdAsync(identity, instanceId, viewerId, ct) is { } shown)
            {
                await focus.RememberAsync(identity.TenantId, identity.User!.Id, instanceId, null, ct);
                return shown;
            }

            return null;
        }

        if (Evidence.EvidenceVerbs.All.Contains(verb))
        {
            return await evidence.ActAsync(identity, verb, data, correlationId, viewerId, ct);
        }

        return IsWorkflowVerb(verb) ? await workflow.ExecuteAsync(identity, verb, data, correlationId, viewerId, ct) : null;
    }

    public static bool IsWorkflowVerb(string? verb) => verb is not null && WorkflowButtons.Verbs.Contains(verb);

    /// <summary>Whether a click's answer replaces the card it was on (workflow steps, ratings) rather than arriving as a new message.</summary>
    public static bool ReplacesCard(string? verb) => IsWorkflowVerb(verb) || verb == AssistantTurns.FeedbackVerb
        || verb is Evidence.EvidenceVerbs.Attach or Evidence.EvidenceVerbs.Remove or Evidence.EvidenceVerbs.Verify or Evidence.EvidenceVerbs.Reject;
}
