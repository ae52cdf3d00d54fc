using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Instances.Workflow;

/// <param name="WorkingPapers">Optional note for the approver (what was prepared, where the working papers are).</param>
public sealed record SubmitForApprovalCommand(Guid InstanceId, int ExpectedVersion, string? WorkingPapers = null);

/// <summary>In progress → Awaiting approval, opening the next approval cycle. The owner or an admin; not while blocked.</summary>
public sealed class SubmitForApprovalHandler(WorkflowRunner runner)
{
    public Task<CommandResult<ComplianceInstance>> HandleAsync(CommandContext ctx, SubmitForApprovalCommand cmd, CancellationToken ct = default) =>
        runner.RunAsync(ctx, cmd.InstanceId, cmd.ExpectedVersion, AuditAction.SubmittedForApproval, async (s, token) =>
        {
            if (!s.IsOwnerOrAdmin)
            {
                return s.Refuse($"Only the owner of {s.Describe} or an admin can submit it for approval.");
            }

            if (s.Instance.Status != InstanceStatus.InProgress)
            {
                return s.WrongStatus("submitted for approval");
            }

            if (s.Instance.IsBlocked)
            {
                return new ConflictError("blocked", $"{s.Describe} is blocked ({s.Instance.BlockedReason}); unblock it first");
            }

            if (cmd.WorkingPapers is { Length: > 4000 })
            {
                return new ValidationError("workingPapers", "is longer than 4000 characters");
            }

            var cycle = (await s.Db.Approvals.Where(a => a.InstanceId == s.Instance.Id).MaxAsync(a => (int?)a.Cycle, token) ?? 0) + 1;
            s.Db.Approvals.Add(new Approval
            {
                Id = Guid.CreateVersion7(),
                TenantId = s.Instance.TenantId,
                InstanceId = s.Instance.Id,
                Cycle = cycle,
                RequestedByUserId = s.Actor.Id,
                RequestedAt = s.Now,
            });
            if (!string.IsNullOrWhiteSpace(cmd.WorkingPapers))
            {
                s.Db.Comments.Add(new Comment
                {
                    Id = Guid.CreateVersion7(),
                    TenantId = s.Instance.TenantId,
                    InstanceId = s.Instance.Id,
                    AuthorUserId = s.Actor.Id,
                    Text = $"Working papers: {cmd.WorkingPapers.Trim()}",
                    CreatedAt = s.Now,
                });
            }

            await s.CompleteTaskAsync("Prepare", token);
            s.Instance.Status = InstanceStatus.AwaitingApproval;
            await ApprovalNotifications.AddAsync(s.Db, s.Instance, ApprovalNotifications.RequestStage, s.Instance.ApproverUserId, cycle, s.Now, token);
            return null;
        }, ct);
}
