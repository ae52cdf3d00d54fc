using System.Text.Json;
using ComplianceOs.BotHost.Cards;
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
    ObligationHistory history,
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
        return parsed.Intent switch
        {
            Intent.MyTasks or Intent.DueThisWeek or Intent.Overdue =>
                ConversationReply.ForAsker(await tasks.MyTasksAsync(identity, ct, parsed.Intent, today)),
            Intent.Status => ConversationReply.ForAsker(await obligations.ByParsedAsync(identity, parsed, viewerId, ct)),
            Intent.Question => ConversationReply.Sentence(
                "I can't answer questions yet — the compliance assistant is coming. Meanwhile \"status <obligation> <period>\" shows the due date the rules compute."),
            Intent.Greeting or Intent.Help => ConversationReply.Shared(help.Help(identity.User!.Name)),
            Intent.Start or Intent.Submit or Intent.Approve or Intent.Reject or Intent.File or Intent.Block or Intent.Unblock or Intent.Comment or Intent.Reassign =>
                ConversationReply.ForAsker(await workflow.ExecuteTypedAsync(identity, parsed, text, correlationId, viewerId, ct)),
            Intent.Dashboard => ConversationReply.ForAsker(await tower.BuildAsync(identity, today, ct)),
            Intent.History => ConversationReply.ForAsker(await history.BuildAsync(identity, parsed, ct)),
            _ => ConversationReply.Shared(help.Help(identity.User!.Name) with { Subtitle = "I did not understand that. Here is what I can do:" }),
        };
    }

    /// <summary>
    /// A button: show an obligation, or a workflow step on it (with the version the card showed and any inputs
    /// collected on it). Null when the obligation is not available to the person or the button is not ours; another
    /// tenant's or an unseen entity's instance looks exactly like one that does not exist.
    /// </summary>
    public async Task<Card?> ActAsync(ResolvedIdentity identity, string verb, JsonElement data, string? correlationId, string? viewerId, CancellationToken ct)
    {
        if (verb == StatusVerb)
        {
            return data.ValueKind == JsonValueKind.Object && data.TryGetProperty(ObligationCards.InstanceKey, out var id)
                && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var instanceId)
                ? await obligations.ByIdAsync(identity, instanceId, viewerId, ct)
                : null;
        }

        return IsWorkflowVerb(verb) ? await workflow.ExecuteAsync(identity, verb, data, correlationId, viewerId, ct) : null;
    }

    public static bool IsWorkflowVerb(string? verb) => verb is not null && WorkflowButtons.Verbs.Contains(verb);
}
