using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Instances.Workflow;

/// <summary>What a workflow transition sees: the loaded instance, its master, the acting user and the time.</summary>
public sealed class WorkflowStep
{
    internal WorkflowStep(ComplianceDb db, ComplianceInstance instance, ComplianceMaster master, User actor, bool actorHasAccess, Instant now)
    {
        Db = db;
        Instance = instance;
        Master = master;
        Actor = actor;
        ActorHasAccess = actorHasAccess;
        Now = now;
    }

    public ComplianceDb Db { get; }

    public ComplianceInstance Instance { get; }

    public ComplianceMaster Master { get; }

    public User Actor { get; }

    public bool ActorHasAccess { get; }

    public Instant Now { get; }

    public bool IsAdmin => Actor.HasRole(UserRole.Admin);

    public bool IsOwnerOrAdmin => Instance.OwnerUserId == Actor.Id || IsAdmin;

    /// <summary>The assigned approver, any approver of the entity, or an admin.</summary>
    public bool CanDecide => Instance.ApproverUserId == Actor.Id || Actor.HasRole(UserRole.Approver) || IsAdmin;

    public string Describe => $"{Master.Code} {Instance.PeriodKey}";

    /// <summary>Further audit entries the transition caused (e.g. the proof decided with the work), appended with the step's own.</summary>
    public List<AuditRecord> AlsoAudited { get; } = [];

    public Error Refuse(string reason) => new ForbiddenError(reason);

    public Error WrongStatus(string action) =>
        new ConflictError("status", $"{Describe} is {Instance.Status}; it cannot be {action} from there");

    public async Task CompleteTaskAsync(string stepName, CancellationToken ct)
    {
        var task = await Db.WorkflowTasks
            .Where(t => t.InstanceId == Instance.Id && t.Name.ToLower() == stepName.ToLower() && t.Status == WorkflowTaskStatus.Pending)
            .OrderBy(t => t.StepNumber).FirstOrDefaultAsync(ct);
        if (task is not null)
        {
            task.Status = WorkflowTaskStatus.Done;
            task.CompletedByUserId = Actor.Id;
            task.CompletedAt = Now;
        }
    }
}

/// <summary>
/// Runs one workflow command in one transaction: tenant scope, the acting user and their entity access, the stale
/// version check, the transition, version + 1, the audit entry (before and after), and the status recompute of the
/// instance and its siblings. Expected refusals come back as typed errors; nothing is written then.
/// </summary>
public sealed class WorkflowRunner(ComplianceDbFactory dbs, AuditLog audit, RecomputeStatus recompute, TimeProvider clock)
{
    public async Task<CommandResult<ComplianceInstance>> RunAsync(
        CommandContext ctx,
        Guid instanceId,
        int? expectedVersion,
        AuditAction action,
        Func<WorkflowStep, CancellationToken, Task<Error?>> transition,
        CancellationToken ct)
    {
        if (ctx.Actor.Kind != ActorKind.User || ctx.Actor.Id is not { } actorId)
        {
            return new ForbiddenError("Workflow actions are taken by people, not by the system.");
        }

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var actor = await db.Users.Include(u => u.Roles).Include(u => u.EntityAccess).SingleOrDefaultAsync(u => u.Id == actorId && u.IsActive, ct);
        if (actor is null)
        {
            return new ForbiddenError("You are not an active user of this organisation.");
        }

        var instance = await db.ComplianceInstances.SingleOrDefaultAsync(i => i.Id == instanceId, ct);
        if (instance is null)
        {
            return new NotFoundError("Obligation", instanceId.ToString());
        }

        var hasAccess = actor.HasRole(UserRole.Admin) || actor.EntityAccess.Any(a => a.EntityId == instance.EntityId);
        if (!hasAccess)
        {
            // Say so, and show nothing of the entity.
            return new ForbiddenError("You do not have access to this entity.");
        }

        if (expectedVersion is { } expected && expected != instance.Version)
        {
            return new StaleError($"This was out of date: the obligation has changed since (now version {instance.Version}, you acted on {expected}). Refresh and try again.");
        }

        var master = await db.ComplianceMasters.AsNoTracking().SingleAsync(m => m.Id == instance.MasterId, ct);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var step = new WorkflowStep(db, instance, master, actor, hasAccess, now);
        var before = InstanceSnapshot.Of(instance);
        if (await transition(step, ct) is { } refused)
        {
            return refused;
        }

        if (expectedVersion is not null)
        {
            instance.Version++;
        }

        instance.UpdatedAt = now;
        try
        {
            var after = InstanceSnapshot.Of(instance);
            var today = await RecomputeTenantHandler.TenantTodayAsync(db, clock, ct);
            await recompute.RunAsync(db, ctx.TenantId, today, instance.Id, ct);

            // The audit append takes the tenant's chain lock: last, so the lock is held only until the commit.
            await audit.AppendAsync(db, ctx, new AuditRecord(action, "ComplianceInstance", instance.Id.ToString(), before, after), ct);
            foreach (var also in step.AlsoAudited)
            {
                await audit.AppendAsync(db, ctx, also, ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new StaleError("Someone else changed this obligation at the same moment. Refresh and try again.");
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, new Dictionary<string, string>(), out var error))
        {
            return error;
        }

        return instance;
    }
}
