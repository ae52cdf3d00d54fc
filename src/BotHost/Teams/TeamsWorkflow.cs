using System.Globalization;
using System.Text.Json;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Workflow;

namespace ComplianceOs.BotHost.Teams;

/// <summary>
/// Runs a workflow button (start, submit, approve, reject, file) through the domain command for the clicker, then
/// answers with the obligation's current card — with the refusal on top when the command said no (a stale card,
/// maker-checker, a missing comment or reference), so the person always sees what actually happened.
/// </summary>
public sealed class TeamsWorkflow(
    StartWorkHandler start,
    SubmitForApprovalHandler submit,
    DecideHandler decide,
    FileReturnHandler file,
    TeamsStatus status)
{
    public async Task<Card?> ExecuteAsync(ResolvedIdentity identity, string verb, JsonElement data, string? activityId, string? viewerChannelId, CancellationToken ct)
    {
        if (Text(data, TeamsStatus.InstanceKey) is not { } idText || !Guid.TryParse(idText, out var instanceId)
            || Text(data, TeamsWorkflowActions.VersionKey) is not { } versionText
            || !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        var user = identity.User!;
        var ctx = new CommandContext(identity.TenantId, Actor.User(user.Id, user.Name), Channel.Teams, activityId);
        var result = verb switch
        {
            "start" => await start.HandleAsync(ctx, new StartWorkCommand(instanceId, version), ct),
            "submit" => await submit.HandleAsync(ctx, new SubmitForApprovalCommand(instanceId, version), ct),
            "approve" => await decide.HandleAsync(ctx, new ApproveCommand(instanceId, version, Text(data, TeamsWorkflowActions.CommentInput)), ct),
            "reject" => await decide.HandleAsync(ctx, new RejectCommand(instanceId, version, Text(data, TeamsWorkflowActions.CommentInput) ?? string.Empty), ct),
            "file" => await file.HandleAsync(ctx, new FileReturnCommand(instanceId, version, Text(data, TeamsWorkflowActions.ReferenceInput) ?? string.Empty), ct),
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

        return result.Succeeded ? card : card with { Blocks = [new StatusBadge(StatusTone.Attention, Explain(result.Errors[0])), .. card.Blocks] };
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
