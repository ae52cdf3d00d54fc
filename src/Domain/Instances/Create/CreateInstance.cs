using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Period = ComplianceOs.Domain.Rules.Period;

namespace ComplianceOs.Domain.Instances.Create;

/// <param name="PeriodKey">Canonical key for the master's frequency: 2025-03, FY2024-25-Q4, FY2024-25-H1, FY2024-25, FY2024-25-I2.</param>
public sealed record CreateInstanceCommand(Guid EntityId, string MasterCode, string PeriodKey);

/// <summary>
/// Creates one instance by hand (outside the generation window, or for an obligation the rules do not select).
/// Admins only; the period must fit the master's frequency; the due date comes from the rule engine.
/// </summary>
public sealed class CreateInstanceHandler(ComplianceDbFactory dbs, AuditLog audit, RecomputeStatus recompute, TimeProvider clock)
{
    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["ux_compliance_instances_master_entity_period"] = "periodKey",
    };

    public async Task<CommandResult<ComplianceInstance>> HandleAsync(CommandContext ctx, CreateInstanceCommand cmd, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "create obligations", ct) is { } denied)
        {
            return denied;
        }

        var v = new Validation();
        var entity = await db.LegalEntities.Include(e => e.GstRegistrations).Include(e => e.AgmRecords).SingleOrDefaultAsync(e => e.Id == cmd.EntityId, ct);
        if (entity is null)
        {
            v.Add("entityId", "is not a legal entity of this organisation");
        }

        var master = await MasterLookup.FindAsync(db, cmd.MasterCode, v, ct);
        var period = MasterLookup.PeriodOf(master, cmd.PeriodKey, v);

        var rule = master is null ? null : DueDateRuleParser.Parse(master.DueDateRule, master.Frequency, v, "master.dueDateRule");
        if (rule is not null && period is not null && !DueDateEngine.CoversPeriod(rule, period))
        {
            v.Add("periodKey", $"{master!.Code} has no instance for {period.Key} ({period.Slot})");
        }

        if (v.HasErrors)
        {
            return CommandResult<ComplianceInstance>.Failure(v.Errors);
        }

        var facts = EntityFacts.Of(entity!);
        var due = DueDateEngine.Compute(rule!, period!, facts, EventDates.For(entity!, period!.FyStartYear));
        if (due.Problem is not null)
        {
            return new ValidationError("periodKey", $"{master!.Code} has no due date for {period.Key}: {due.Problem}");
        }

        var extension = GenerateInstancesHandler.ExtensionFor(
            await db.DueDateExtensions.Where(x => x.MasterId == master!.Id && x.PeriodKey == period.Key).ToListAsync(ct), master!.Id, period.Key, facts);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var people = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.EntityAccess).ToListAsync(ct);
        var owner = Assignees.Pick(people, entity!.Id, master.DefaultOwnerRole);
        var approver = Assignees.Pick(people, entity.Id, master.DefaultApproverRole, owner);
        var instance = new ComplianceInstance
        {
            Id = Guid.CreateVersion7(),
            TenantId = ctx.TenantId,
            EntityId = entity.Id,
            MasterId = master.Id,
            PeriodKey = period.Key,
            PeriodStart = period.Start,
            PeriodEnd = period.End,
            StatutoryDueDate = due.DueDate,
            ExtendedDueDate = extension?.ExtendedTo,
            ExtensionReference = extension?.NotificationReference,
            AwaitingEvent = due.AwaitingEvent,
            CumulativePercent = due.CumulativePercent,
            OwnerUserId = owner,
            ApproverUserId = approver,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ComplianceInstances.Add(instance);
        db.WorkflowTasks.AddRange(master.WorkflowSteps.Select((name, i) => new WorkflowTask
        {
            TenantId = ctx.TenantId,
            InstanceId = instance.Id,
            StepNumber = i + 1,
            Name = name,
            AssigneeUserId = string.Equals(name, "Review", StringComparison.OrdinalIgnoreCase) ? approver : owner,
        }));
        try
        {
            await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.InstanceCreated, "ComplianceInstance", instance.Id.ToString(), null, InstanceSnapshot.Of(instance)), ct);
            await recompute.RunAsync(db, ctx.TenantId, await RecomputeTenantHandler.TenantTodayAsync(db, clock, ct), instance.Id, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return instance;
    }
}
