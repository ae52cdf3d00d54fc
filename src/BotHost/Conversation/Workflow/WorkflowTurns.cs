using System.Globalization;
using System.Text.Json;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Workflow;

namespace ComplianceOs.BotHost.Conversation.Workflow;

/// <summary>
/// Runs a workflow button (start, submit, approve, reject, file) through the domain command for the clicker, then
/// answers with the obligation's current card — with the refusal on top when the command said no (a stale card,
/// maker-checker, a missing comment or reference), so the person always sees what actually happened.
/// </summary>
public sealed class WorkflowTurns(
    StartWorkHandler start,
    SubmitForApprovalHandler submit,
    DecideHandler decide,
    FileReturnHandler file,
    BlockWorkHandler block,
    AddCommentHandler comment,
    ReassignHandler reassign,
    Domain.Notifications.Reminders.SnoozeReminderHandler snooze,
    ObligationCards status)
{
    /// <summary>
    /// A workflow command typed in words ("submit 3b march", "reject pf oct because challan missing", "file gstr1
    /// dec with arn …"): the one instance it means (or a choice / what was not found), acted on at its current
    /// version, answered with its card and the outcome on top.
    /// </summary>
    public async Task<Card> ExecuteTypedAsync(ResolvedIdentity identity, Conversation.Parsing.ParsedMessage parsed, string text, string? activityId, string? viewerChannelId, CancellationToken ct)
    {
        var (instanceId, answer, _) = await status.FindOneAsync(identity, parsed, ct);
        if (instanceId is not { } id)
        {
            return answer!;
        }

        var version = await status.VersionAsync(identity, id, ct) ?? 0;
        var user = identity.User!;
        var ctx = new CommandContext(identity.TenantId, Actor.User(user.Id, user.Name), identity.Channel, activityId);
        var argument = parsed.Argument?.Trim();
        CommandResult<ComplianceInstance>? result = parsed.Intent switch
        {
            Conversation.Parsing.Intent.Start => await start.HandleAsync(ctx, new StartWorkCommand(id, version), ct),
            Conversation.Parsing.Intent.Submit => await submit.HandleAsync(ctx, new SubmitForApprovalCommand(id, version, argument), ct),
            Conversation.Parsing.Intent.Approve => await decide.HandleAsync(ctx, new ApproveCommand(id, version, argument), ct),
            Conversation.Parsing.Intent.Reject => await decide.HandleAsync(ctx, new RejectCommand(id, version, argument ?? string.Empty), ct),
            Conversation.Parsing.Intent.File => await file.HandleAsync(ctx, new FileReturnCommand(id, version, argument ?? string.Empty), ct),
            Conversation.Parsing.Intent.Block => await block.HandleAsync(ctx, new BlockCommand(id, version, argument ?? string.Empty), ct),
            Conversation.Parsing.Intent.Unblock => await block.HandleAsync(ctx, new UnblockCommand(id, version), ct),
            Conversation.Parsing.Intent.Comment => await comment.HandleAsync(ctx, new AddCommentCommand(id, argument ?? string.Empty), ct),
            Conversation.Parsing.Intent.Reassign => await ReassignAsync(identity, ctx, id, version, argument, text, ct),
            _ => null,
        };

        var card = (await status.ByIdAsync(identity, id, viewerChannelId, ct))!;
        if (result is null)
        {
            return card;
        }

        var outcome = result.Succeeded
            ? new StatusBadge(StatusTone.Good, $"Done: {Describe(parsed.Intent)}")
            : new StatusBadge(StatusTone.Attention, Explain(result.Errors[0]));
        return card with { Blocks = [outcome, .. card.Blocks] };
    }

    private async Task<CommandResult<ComplianceInstance>> ReassignAsync(ResolvedIdentity identity, CommandContext ctx, Guid id, int version, string? person, string text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(person))
        {
            return new ValidationError("newUserId", "say who to reassign to, e.g. \"reassign pf oct to Rahul\"");
        }

        var people = await status.PeopleNamedAsync(identity, person, ct);
        if (people.Count != 1)
        {
            return new ValidationError("newUserId", people.Count == 0 ? $"nobody here is called \"{person}\"" : $"\"{person}\" fits {string.Join(", ", people.Select(p => p.Name))}; use the full name");
        }

        var role = text.Contains("approver", StringComparison.OrdinalIgnoreCase) ? AssignmentRole.Approver : AssignmentRole.Owner;
        return await reassign.HandleAsync(ctx, new ReassignCommand(id, version, role, people[0].Id), ct);
    }

    private static string Describe(Conversation.Parsing.Intent intent) => intent switch
    {
        Conversation.Parsing.Intent.Start => "started",
        Conversation.Parsing.Intent.Submit => "submitted for approval",
        Conversation.Parsing.Intent.Approve => "approved",
        Conversation.Parsing.Intent.Reject => "rejected and returned to the owner",
        Conversation.Parsing.Intent.File => "filing recorded",
        Conversation.Parsing.Intent.Block => "blocked",
        Conversation.Parsing.Intent.Unblock => "unblocked",
        Conversation.Parsing.Intent.Comment => "comment added",
        Conversation.Parsing.Intent.Reassign => "reassigned",
        _ => intent.ToString(),
    };

    public async Task<Card?> ExecuteAsync(ResolvedIdentity identity, string verb, JsonElement data, string? activityId, string? viewerChannelId, CancellationToken ct)
    {
        if (verb == WorkflowButtons.SnoozeVerb)
        {
            return await SnoozeAsync(identity, data, activityId, viewerChannelId, ct);
        }

        if (Text(data, ObligationCards.InstanceKey) is not { } idText || !Guid.TryParse(idText, out var instanceId)
            || Text(data, WorkflowButtons.VersionKey) is not { } versionText
            || !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        var user = identity.User!;
        var ctx = new CommandContext(identity.TenantId, Actor.User(user.Id, user.Name), identity.Channel, activityId);
        var result = verb switch
        {
            "start" => await start.HandleAsync(ctx, new StartWorkCommand(instanceId, version), ct),
            "submit" => await submit.HandleAsync(ctx, new SubmitForApprovalCommand(instanceId, version), ct),
            "approve" => await decide.HandleAsync(ctx, new ApproveCommand(instanceId, version, Text(data, WorkflowButtons.CommentInput)), ct),
            "reject" => await decide.HandleAsync(ctx, new RejectCommand(instanceId, version, Text(data, WorkflowButtons.CommentInput) ?? string.Empty), ct),
            "file" => await file.HandleAsync(ctx, new FileReturnCommand(instanceId, version, Text(data, WorkflowButtons.ReferenceInput) ?? string.Empty), ct),
            "comment" => await comment.HandleAsync(ctx, new AddCommentCommand(instanceId, Text(data, WorkflowButtons.CommentInput) ?? string.Empty), ct),
            "reassign" => await ReassignAsync(identity, ctx, instanceId, version, Text(data, WorkflowButtons.ReassignInput), string.Empty, ct),
            _ => null,
        };
        if (result is null)
        {
            return null;
        }

        var card = await status.ByIdAsync(identity, instanceId, viewerChannelId, ct);
        if (card is null)
        {
            return null;
        }

        return result.Succeeded
            ? verb is "comment" or "reassign" ? card with { Blocks = [new StatusBadge(StatusTone.Good, verb == "comment" ? "Done: comment added" : "Done: reassigned"), .. card.Blocks] } : card
            : card with { Blocks = [new StatusBadge(StatusTone.Attention, Explain(result.Errors[0])), .. card.Blocks] };
    }

    /// <summary>"Remind me tomorrow": the obligation's card, saying when the reminder comes back (or why it will not).</summary>
    private async Task<Card?> SnoozeAsync(ResolvedIdentity identity, JsonElement data, string? activityId, string? viewerChannelId, CancellationToken ct)
    {
        if (Text(data, WorkflowButtons.NotificationKey) is not { } idText || !Guid.TryParse(idText, out var notificationId))
        {
            return null;
        }

        var user = identity.User!;
        var ctx = new CommandContext(identity.TenantId, Actor.User(user.Id, user.Name), identity.Channel, activityId);
        var result = await snooze.HandleAsync(ctx, new Domain.Notifications.Reminders.SnoozeReminderCommand(notificationId), ct);
        if (!result.Succeeded)
        {
            return result.Errors[0] is NotFoundError ? null : new Card([new StatusBadge(StatusTone.Attention, Explain(result.Errors[0]))]) { Title = "Not snoozed" };
        }

        var card = await status.ByIdAsync(identity, result.Value!.InstanceId, viewerChannelId, ct);
        var until = NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("dddd d MMMM 'at' HH:mm").Format(result.Value.Until);
        return card is null ? null : card with { Blocks = [new StatusBadge(StatusTone.Neutral, $"Snoozed: I will remind you again on {until}"), .. card.Blocks] };
    }

    private static string Explain(Error error) => error switch
    {
        StaleError s => $"Not done: {s.Reason}",
        ValidationError v => $"Not done — {v.Message}",
        _ => $"Not done: {error.Message}",
    };

    private static string? Text(JsonElement data, string key) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
