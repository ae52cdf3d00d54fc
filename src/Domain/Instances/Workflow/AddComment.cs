using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;

namespace ComplianceOs.Domain.Instances.Workflow;

public sealed record AddCommentCommand(Guid InstanceId, string Text);

/// <summary>A comment on an instance; anyone with access except viewers. Does not change the version: it changes no state.</summary>
public sealed class AddCommentHandler(WorkflowRunner runner)
{
    public Task<CommandResult<ComplianceInstance>> HandleAsync(CommandContext ctx, AddCommentCommand cmd, CancellationToken ct = default) =>
        runner.RunAsync(ctx, cmd.InstanceId, expectedVersion: null, AuditAction.Commented, (s, _) =>
        {
            if (string.IsNullOrWhiteSpace(cmd.Text))
            {
                return Task.FromResult<Error?>(new ValidationError("text", "a comment needs some text"));
            }

            if (cmd.Text.Trim().Length > 4000)
            {
                return Task.FromResult<Error?>(new ValidationError("text", "is longer than 4000 characters"));
            }

            if (!(s.IsOwnerOrAdmin || s.Actor.HasRole(UserRole.Owner) || s.Actor.HasRole(UserRole.Approver)))
            {
                return Task.FromResult<Error?>(s.Refuse("Viewers can read but not comment."));
            }

            s.Db.Comments.Add(new Comment
            {
                Id = Guid.CreateVersion7(),
                TenantId = s.Instance.TenantId,
                InstanceId = s.Instance.Id,
                AuthorUserId = s.Actor.Id,
                Text = cmd.Text.Trim(),
                Channel = ctx.Channel,
                CreatedAt = s.Now,
            });
            return Task.FromResult<Error?>(null);
        }, ct);
}
