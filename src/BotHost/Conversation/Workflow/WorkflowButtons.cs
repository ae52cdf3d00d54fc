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

    public static readonly IReadOnlySet<string> Verbs = new HashSet<string> { "start", "submit", "approve", "reject", "file" };

    public static IEnumerable<CardBlock> For(ComplianceInstance i, User viewer)
    {
        var isAdmin = viewer.HasRole(UserRole.Admin);
        var isOwner = i.OwnerUserId == viewer.Id || isAdmin;
        var canDecide = i.ApproverUserId == viewer.Id || viewer.HasRole(UserRole.Approver) || isAdmin;
        switch (i.Status)
        {
            case InstanceStatus.NotStarted when isOwner:
                yield return new ActionSet([Action("start", "Start", i, CardActionStyle.Positive)]);
                break;
            case InstanceStatus.InProgress when isOwner && !i.IsBlocked:
                yield return new ActionSet([Action("submit", "Submit for approval", i, CardActionStyle.Positive)]);
                break;
            case InstanceStatus.AwaitingApproval when canDecide:
                yield return new TextInput(CommentInput, "Comment (required to reject)") { Multiline = true, MaxLength = 2000 };
                yield return new ActionSet([
                    Action("approve", "Approve", i, CardActionStyle.Positive),
                    Action("reject", "Reject", i, CardActionStyle.Destructive) with { RequiredInputs = [CommentInput] },
                ]);
                break;
            case InstanceStatus.Approved when isOwner && !i.IsBlocked:
                yield return new TextInput(ReferenceInput, "Filing reference (ARN, SRN or challan CIN)") { Required = true, MaxLength = 60 };
                yield return new ActionSet([Action("file", "Record filing", i, CardActionStyle.Positive) with { RequiredInputs = [ReferenceInput] }]);
                break;
        }
    }

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
