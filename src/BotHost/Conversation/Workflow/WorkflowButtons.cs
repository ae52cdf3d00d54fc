using System.Globalization;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.People;

namespace ComplianceOs.BotHost.Conversation.Workflow;

/// <summary>
/// The workflow buttons an obligation's card offers its viewer, each an <c>Action.Execute</c> carrying the instance
/// id and the version the card shows, so a click on an out-of-date card is refused by the command, not applied.
/// Offering a button is a convenience; the command still checks role, access and maker-checker.
/// </summary>
public static class WorkflowButtons
{
    public const string VersionKey = "version";
    public const string CommentInput = "comment";
    public const string ReferenceInput = "filingReference";
    public const string ReassignInput = "reassignTo";
    public const string NotificationKey = "notificationId";
    public const string SnoozeVerb = "snooze";

    public static readonly IReadOnlySet<string> Verbs = new HashSet<string> { "start", "submit", "approve", "reject", "file", "comment", "reassign", SnoozeVerb };

    public static IEnumerable<CardBlock> For(ComplianceInstance i, User viewer)
    {
        var isAdmin = viewer.HasRole(UserRole.Admin);
        var isOwner = i.OwnerUserId == viewer.Id || isAdmin;
        var canDecide = i.ApproverUserId == viewer.Id || viewer.HasRole(UserRole.Approver) || isAdmin;
        var canReassign = viewer.HasRole(UserRole.Approver) || isAdmin;
        var steps = new List<CardAction>();
        var inputs = new List<CardBlock>();
        switch (i.Status)
        {
            case InstanceStatus.NotStarted when isOwner:
                steps.Add(Action("start", "Start", i, CardActionStyle.Positive));
                break;
            case InstanceStatus.InProgress when isOwner && !i.IsBlocked:
                steps.Add(Action("submit", "Submit for approval", i, CardActionStyle.Positive));
                break;
            case InstanceStatus.AwaitingApproval when canDecide:
                steps.Add(Action("approve", "Approve", i, CardActionStyle.Positive));
                steps.Add(Action("reject", "Reject", i, CardActionStyle.Destructive) with { RequiredInputs = [CommentInput] });
                break;
            case InstanceStatus.Approved when isOwner && !i.IsBlocked:
                inputs.Add(new TextInput(ReferenceInput, "Filing reference (ARN, SRN or challan CIN)") { Required = true, MaxLength = 60 });
                steps.Add(Action("file", "Record filing", i, CardActionStyle.Positive) with { RequiredInputs = [ReferenceInput] });
                break;
        }

        if (i.Status != InstanceStatus.Filed && (isOwner || viewer.HasRole(UserRole.Owner) || viewer.HasRole(UserRole.Approver)))
        {
            // One comment box serves a comment and a rejection's reason alike.
            inputs.Insert(0, new TextInput(CommentInput, i.Status == InstanceStatus.AwaitingApproval && canDecide ? "Comment (required to reject)" : "Comment") { Multiline = true, MaxLength = 2000 });
            steps.Add(Action("comment", "Add comment", i, CardActionStyle.Default) with { RequiredInputs = [CommentInput] });
        }

        if (i.Status is not (InstanceStatus.Filed or InstanceStatus.Approved) && canReassign)
        {
            inputs.Add(new TextInput(ReassignInput, "Reassign the owner to (name)") { MaxLength = 200 });
            steps.Add(Action("reassign", "Reassign owner", i, CardActionStyle.Default) with { RequiredInputs = [ReassignInput] });
        }

        foreach (var input in inputs)
        {
            yield return input;
        }

        if (steps.Count > 0)
        {
            yield return new ActionSet(steps);
        }
    }

    /// <summary>The reminder's own buttons: snooze this stage until tomorrow morning.</summary>
    public static ActionSet ReminderActions(Guid notificationId) => new([
        new CardAction(SnoozeVerb, "Remind me tomorrow") { Data = new Dictionary<string, string> { [NotificationKey] = notificationId.ToString() } },
    ]);

    private static CardAction Action(string verb, string label, ComplianceInstance i, CardActionStyle style) =>
        new(verb, label)
        {
            Style = style,
            Data = new Dictionary<string, string>
            {
                [ObligationCards.InstanceKey] = i.Id.ToString(),
                [VersionKey] = i.Version.ToString(CultureInfo.InvariantCulture),
            },
        };
}
