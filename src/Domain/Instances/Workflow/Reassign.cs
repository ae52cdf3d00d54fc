using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Instances.Workflow;

public enum AssignmentRole
{
    Owner,
    Approver,
}

public sealed record ReassignCommand(Guid InstanceId, int ExpectedVersion, AssignmentRole Role, Guid NewUserId);

/// <summary>
/// Hands the owner or approver role of an instance to someone else. An approver or an admin; the new person must be
/// active, have access to the entity and hold the role (or be an admin), and owner and approver stay two people.
/// </summary>
public sealed class ReassignHandler(WorkflowRunner runner)
{
    public Task<CommandResult<ComplianceInstance>> HandleAsync(CommandContext ctx, ReassignCommand cmd, CancellationToken ct = default) =>
        runner.RunAsync(ctx, cmd.InstanceId, cmd.ExpectedVersion, AuditAction.Reassigned, async (s, token) =>
        {
            if (!(s.IsAdmin || s.Actor.HasRole(UserRole.Approver)))
            {
                return s.Refuse($"Only an approver or an admin can reassign {s.Describe}.");
            }

            if (s.Instance.Status == InstanceStatus.Filed)
            {
                return s.WrongStatus("reassigned");
            }

            var person = await s.Db.Users.Include(u => u.Roles).Include(u => u.EntityAccess)
                .SingleOrDefaultAsync(u => u.Id == cmd.NewUserId && u.IsActive, token);
            if (person is null)
            {
                return new ValidationError("newUserId", "is not an active user of this organisation");
            }

            if (!person.HasRole(UserRole.Admin) && person.EntityAccess.All(a => a.EntityId != s.Instance.EntityId))
            {
                return new ValidationError("newUserId", $"{person.Name} has no access to this entity");
            }

            var needed = cmd.Role == AssignmentRole.Owner ? UserRole.Owner : UserRole.Approver;
            if (!person.HasRole(needed) && !person.HasRole(UserRole.Admin))
            {
                return new ValidationError("newUserId", $"{person.Name} is not an {needed} or an admin");
            }

            var other = cmd.Role == AssignmentRole.Owner ? s.Instance.ApproverUserId : s.Instance.OwnerUserId;
            if (other == person.Id)
            {
                return new ValidationError("newUserId", $"{person.Name} already holds the other role; owner and approver must be two people");
            }

            if (cmd.Role == AssignmentRole.Owner)
            {
                s.Instance.OwnerUserId = person.Id;
            }
            else
            {
                s.Instance.ApproverUserId = person.Id;
            }

            var tasks = await s.Db.WorkflowTasks.Where(t => t.InstanceId == s.Instance.Id && t.Status == WorkflowTaskStatus.Pending).ToListAsync(token);
            foreach (var task in tasks.Where(t => string.Equals(t.Name, "Review", StringComparison.OrdinalIgnoreCase) == (cmd.Role == AssignmentRole.Approver)))
            {
                task.AssigneeUserId = person.Id;
            }

            return null;
        }, ct);
}
