using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;

namespace ComplianceOs.Domain.Instances.Workflow;

public sealed record StartWorkCommand(Guid InstanceId, int ExpectedVersion);

/// <summary>Not started → In progress. The owner or an admin.</summary>
public sealed class StartWorkHandler(WorkflowRunner runner)
{
    public Task<CommandResult<ComplianceInstance>> HandleAsync(CommandContext ctx, StartWorkCommand cmd, CancellationToken ct = default) =>
        runner.RunAsync(ctx, cmd.InstanceId, cmd.ExpectedVersion, AuditAction.InstanceStarted, (s, _) =>
        {
            if (!s.IsOwnerOrAdmin)
            {
                return Task.FromResult<Error?>(s.Refuse($"Only the owner of {s.Describe} or an admin can start it."));
            }

            if (s.Instance.Status != InstanceStatus.NotStarted)
            {
                return Task.FromResult<Error?>(s.WrongStatus("started"));
            }

            s.Instance.Status = InstanceStatus.InProgress;
            return Task.FromResult<Error?>(null);
        }, ct);
}
