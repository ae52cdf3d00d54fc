using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;

namespace ComplianceOs.Domain.Instances.Workflow;

public sealed record BlockCommand(Guid InstanceId, int ExpectedVersion, string Reason);

public sealed record UnblockCommand(Guid InstanceId, int ExpectedVersion);

/// <summary>Blocks or unblocks by hand, with a reason. Owner, approver or admin of the entity; not once filed.</summary>
public sealed class BlockWorkHandler(WorkflowRunner runner)
{
    public Task<CommandResult<ComplianceInstance>> HandleAsync(CommandContext ctx, BlockCommand cmd, CancellationToken ct = default) =>
        runner.RunAsync(ctx, cmd.InstanceId, cmd.ExpectedVersion, AuditAction.Blocked, (s, _) =>
        {
            if (string.IsNullOrWhiteSpace(cmd.Reason))
            {
                return Error(new ValidationError("reason", "a reason is required to block"));
            }

            if (cmd.Reason.Trim().Length > 1000)
            {
                return Error(new ValidationError("reason", "is longer than 1000 characters"));
            }

            if (!MayBlock(s))
            {
                return Error(s.Refuse($"Only the owner, an approver or an admin can block {s.Describe}."));
            }

            if (s.Instance.Status == InstanceStatus.Filed)
            {
                return Error(s.WrongStatus("blocked"));
            }

            if (s.Instance.ManualBlockReason is not null)
            {
                return Error(new ConflictError("blocked", $"{s.Describe} is already blocked: {s.Instance.ManualBlockReason}"));
            }

            s.Instance.ManualBlockReason = cmd.Reason.Trim();
            s.Instance.IsBlocked = true;
            s.Instance.BlockedReason = s.Instance.ManualBlockReason;
            return Error(null);
        }, ct);

    public Task<CommandResult<ComplianceInstance>> HandleAsync(CommandContext ctx, UnblockCommand cmd, CancellationToken ct = default) =>
        runner.RunAsync(ctx, cmd.InstanceId, cmd.ExpectedVersion, AuditAction.Unblocked, (s, _) =>
        {
            if (!MayBlock(s))
            {
                return Error(s.Refuse($"Only the owner, an approver or an admin can unblock {s.Describe}."));
            }

            if (s.Instance.ManualBlockReason is null)
            {
                return Error(new ConflictError("blocked", s.Instance.IsBlocked
                    ? $"{s.Describe} is not blocked by hand; it is {s.Instance.BlockedReason} and unblocks when that is filed"
                    : $"{s.Describe} is not blocked"));
            }

            s.Instance.ManualBlockReason = null;
            return Error(null);
        }, ct);

    private static bool MayBlock(WorkflowStep s) => s.IsOwnerOrAdmin || s.Actor.HasRole(UserRole.Approver);

    private static Task<Error?> Error(Error? e) => Task.FromResult(e);
}
