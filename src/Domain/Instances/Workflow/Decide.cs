using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.EvidenceVault.Review;
using ComplianceOs.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Instances.Workflow;

public sealed record ApproveCommand(Guid InstanceId, int ExpectedVersion, string? Comment = null);

/// <param name="Comment">Why it is rejected; required.</param>
public sealed record RejectCommand(Guid InstanceId, int ExpectedVersion, string Comment);

/// <summary>
/// Awaiting approval → Approved, or → In progress on a rejection (a comment is required). The approver, an
/// approver of the entity or an admin — never the person who submitted this cycle (maker-checker, also a database
/// constraint).
/// </summary>
public sealed class DecideHandler(WorkflowRunner runner)
{
    public Task<CommandResult<ComplianceInstance>> HandleAsync(CommandContext ctx, ApproveCommand cmd, CancellationToken ct = default) =>
        runner.RunAsync(ctx, cmd.InstanceId, cmd.ExpectedVersion, AuditAction.Approved, (s, token) => DecideAsync(s, ApprovalDecision.Approved, cmd.Comment, token), ct);

    public Task<CommandResult<ComplianceInstance>> HandleAsync(CommandContext ctx, RejectCommand cmd, CancellationToken ct = default) =>
        runner.RunAsync(ctx, cmd.InstanceId, cmd.ExpectedVersion, AuditAction.Rejected, (s, token) => DecideAsync(s, ApprovalDecision.Rejected, cmd.Comment, token), ct);

    private static async Task<Error?> DecideAsync(WorkflowStep s, ApprovalDecision decision, string? comment, CancellationToken ct)
    {
        var verb = decision == ApprovalDecision.Approved ? "approved" : "rejected";
        if (decision == ApprovalDecision.Rejected && string.IsNullOrWhiteSpace(comment))
        {
            return new ValidationError("comment", "a reason is required to reject");
        }

        if (comment is { Length: > 2000 })
        {
            return new ValidationError("comment", "is longer than 2000 characters");
        }

        if (!s.CanDecide)
        {
            return s.Refuse($"Only an approver or an admin can decide {s.Describe}.");
        }

        if (s.Instance.Status != InstanceStatus.AwaitingApproval)
        {
            return s.WrongStatus(verb);
        }

        var approval = await s.Db.Approvals.Where(a => a.InstanceId == s.Instance.Id && a.Decision == null)
            .OrderByDescending(a => a.Cycle).FirstAsync(ct);
        if (approval.RequestedByUserId == s.Actor.Id)
        {
            return s.Refuse($"You submitted {s.Describe}; someone else must approve or reject it (maker-checker).");
        }

        approval.Decision = decision;
        approval.DecidedByUserId = s.Actor.Id;
        approval.DecidedAt = s.Now;
        approval.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        await ApprovalNotifications.AddAsync(s.Db, s.Instance, ApprovalNotifications.DecisionStage, approval.RequestedByUserId, approval.Cycle, s.Now, ct);
        foreach (var e in await EvidenceReview.DecideWithInstanceAsync(s.Db, s.Instance.Id, decision == ApprovalDecision.Approved, s.Actor.Id, approval.Comment, s.Now, ct))
        {
            s.AlsoAudited.Add(new AuditRecord(decision == ApprovalDecision.Approved ? AuditAction.EvidenceApproved : AuditAction.EvidenceRejected, "Evidence", e.Id.ToString(),
                new { status = "Pending" }, new { status = e.ApprovalStatus.ToString(), comment = e.DecisionComment, sha256 = e.Sha256, with = $"{s.Describe} cycle {approval.Cycle}" }));
        }
        if (decision == ApprovalDecision.Approved)
        {
            await s.CompleteTaskAsync("Review", ct);
            s.Instance.Status = InstanceStatus.Approved;
        }
        else
        {
            // Rejection sends the work back: the prepare step is open again.
            var prepare = await s.Db.WorkflowTasks.Where(t => t.InstanceId == s.Instance.Id && t.Name.ToLower() == "prepare").FirstOrDefaultAsync(ct);
            if (prepare is not null)
            {
                prepare.Status = WorkflowTaskStatus.Pending;
                prepare.CompletedAt = null;
                prepare.CompletedByUserId = null;
            }

            s.Instance.Status = InstanceStatus.InProgress;
        }

        return null;
    }
}
