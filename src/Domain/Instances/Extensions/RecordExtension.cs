using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities.Identifiers;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Notifications;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Period = ComplianceOs.Domain.Rules.Period;

namespace ComplianceOs.Domain.Instances.Extensions;

/// <param name="States">Optional: limit to entities whose date-deciding state is one of these (codes or names).</param>
public sealed record RecordExtensionCommand(string MasterCode, string PeriodKey, LocalDate ExtendedTo, string NotificationReference, IReadOnlyList<string>? States = null);

/// <param name="OwnersNotified">Notifications queued to the owners of the moved instances (one per instance).</param>
public sealed record ExtensionResult(DueDateExtension Extension, int InstancesMoved, int OwnersNotified);

/// <summary>
/// Records a one-off government extension for a master and period and moves the due date in force of every matching
/// instance of the tenant (the statutory date stays beside it), and queues a notification to each moved instance's
/// owner in the same transaction. Admins only; audited; a second extension for the same master, period and states
/// is a conflict.
/// </summary>
public sealed class RecordExtensionHandler(ComplianceDbFactory dbs, AuditLog audit, RecomputeStatus recompute, TimeProvider clock)
{
    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["ux_due_date_extensions_master_period_scope"] = "periodKey",
    };

    public async Task<CommandResult<ExtensionResult>> HandleAsync(CommandContext ctx, RecordExtensionCommand cmd, CancellationToken ct = default)
    {
        var v = new Validation();
        v.Required("notificationReference", cmd.NotificationReference, 200);
        var states = new List<string>();
        foreach (var (state, i) in (cmd.States ?? []).Select((s, i) => (s, i)))
        {
            if (IndianStates.TryResolve(state, out var code))
            {
                states.Add(code);
            }
            else
            {
                v.Add($"states[{i}]", $"'{state}' is not an Indian state or GST state code");
            }
        }

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "record due-date extensions", ct) is { } denied)
        {
            return denied;
        }

        var master = await MasterLookup.FindAsync(db, cmd.MasterCode, v, ct);
        var period = MasterLookup.PeriodOf(master, cmd.PeriodKey, v);

        if (period is not null && cmd.ExtendedTo < period.End)
        {
            v.Add("extendedTo", $"{cmd.ExtendedTo:uuuu-MM-dd} is before the period ends ({period.End:uuuu-MM-dd})");
        }

        if (v.HasErrors)
        {
            return CommandResult<ExtensionResult>.Failure(v.Errors);
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var extension = new DueDateExtension
        {
            Id = Guid.CreateVersion7(),
            TenantId = ctx.TenantId,
            MasterId = master!.Id,
            PeriodKey = period!.Key,
            ExtendedTo = cmd.ExtendedTo,
            StateScope = string.Join(',', states.Distinct().Order(StringComparer.Ordinal)),
            NotificationReference = cmd.NotificationReference.Trim(),
            RecordedByUserId = ctx.Actor.Kind == ActorKind.User ? ctx.Actor.Id : null,
            RecordedAt = now,
        };
        db.DueDateExtensions.Add(extension);

        var instances = await db.ComplianceInstances.Where(i => i.MasterId == master.Id && i.PeriodKey == period.Key && i.Status != InstanceStatus.Filed).ToListAsync(ct);
        var entities = await db.LegalEntities.AsNoTracking().Include(e => e.GstRegistrations)
            .Where(e => instances.Select(i => i.EntityId).Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var moved = new List<ComplianceInstance>();
        foreach (var instance in instances)
        {
            var facts = EntityFacts.Of(entities[instance.EntityId]);
            if (GenerateInstancesHandler.ExtensionFor([extension], master.Id, period.Key, facts) is not null)
            {
                instance.ExtendedDueDate = extension.ExtendedTo;
                instance.ExtensionReference = extension.NotificationReference;
                moved.Add(instance);
            }
        }

        var notified = await ExtensionNotifications.AddAsync(db, moved, extension, now, ct);

        try
        {
            await audit.AppendAsync(db, ctx, new AuditRecord(
                AuditAction.ExtensionRecorded, "ComplianceMaster", master.Code, null,
                new { master.Code, extension.PeriodKey, extension.ExtendedTo, extension.NotificationReference, States = extension.States, InstancesMoved = moved.Count, OwnersNotified = notified }), ct);
            await recompute.RunAsync(db, ctx.TenantId, await RecomputeTenantHandler.TenantTodayAsync(db, clock, ct), scope: null, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return new ExtensionResult(extension, moved.Count, notified);
    }
}
