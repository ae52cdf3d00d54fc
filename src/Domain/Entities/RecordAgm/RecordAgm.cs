using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Period = ComplianceOs.Domain.Rules.Period;

namespace ComplianceOs.Domain.Entities.RecordAgm;

/// <param name="FinancialYearEnd">The last day of the financial year whose accounts the AGM adopted.</param>
public sealed record RecordAgmCommand(Guid EntityId, LocalDate FinancialYearEnd, LocalDate HeldOn);

/// <summary>
/// Records when an AGM was held. Event-based obligations of that year (AOC-4, MGT-7, ADT-1) count from it, so their
/// instances get their due dates in the same transaction.
/// </summary>
public sealed class RecordAgmHandler(ComplianceDbFactory dbs, AuditLog audit, RecomputeStatus recompute, TimeProvider clock)
{
    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["pk_agm_records"] = "financialYearEnd",
        ["ck_agm_records_after_fy_end"] = "heldOn",
    };

    public async Task<CommandResult<AgmRecord>> HandleAsync(CommandContext ctx, RecordAgmCommand cmd, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "record AGM dates", ct) is { } denied)
        {
            return denied;
        }

        var entity = await db.LegalEntities.Include(e => e.AgmRecords).SingleOrDefaultAsync(e => e.Id == cmd.EntityId, ct);
        if (entity is null)
        {
            return new NotFoundError("Legal entity", cmd.EntityId.ToString());
        }

        var v = new Validation();
        var fyEnd = cmd.FinancialYearEnd;
        if (fyEnd.Month != entity.FinancialYearEndMonth || fyEnd != fyEnd.With(DateAdjusters.EndOfMonth))
        {
            v.Add("financialYearEnd", $"{fyEnd:uuuu-MM-dd} is not a financial-year end of {entity.Name} (the last day of month {entity.FinancialYearEndMonth})");
        }

        if (cmd.HeldOn <= fyEnd)
        {
            v.Add("heldOn", $"{cmd.HeldOn:uuuu-MM-dd} is not after the financial year it adopts accounts for ({fyEnd:uuuu-MM-dd})");
        }

        if (v.HasErrors)
        {
            return CommandResult<AgmRecord>.Failure(v.Errors);
        }

        // Already loaded with the entity; a concurrent duplicate still fails on the primary key below.
        if (entity.AgmRecords.Any(a => a.FinancialYearEnd == fyEnd))
        {
            return new ConflictError("financialYearEnd", $"an AGM for the year ending {fyEnd:uuuu-MM-dd} is already recorded");
        }

        var record = new AgmRecord { TenantId = ctx.TenantId, EntityId = entity.Id, FinancialYearEnd = fyEnd, HeldOn = cmd.HeldOn };
        entity.AgmRecords.Add(record);
        var fyStartYear = fyEnd.Year - 1;
        var facts = EntityFacts.Of(await db.LegalEntities.AsNoTracking().Include(e => e.GstRegistrations).SingleAsync(e => e.Id == entity.Id, ct));
        var fyKey = Period.FyLabel(fyStartYear);
        var dated = new List<object>();
        foreach (var am in (await MasterSet.LoadAsync(db, ct)).Where(m => m.Master.Frequency == ComplianceFrequency.EventBased))
        {
            var instance = await db.ComplianceInstances.SingleOrDefaultAsync(i => i.EntityId == entity.Id && i.MasterId == am.Master.Id && i.PeriodKey == fyKey, ct);
            if (instance is null)
            {
                continue;
            }

            var due = DueDateEngine.Compute(am.Rule, Period.InFinancialYear(am.Master.Frequency, fyStartYear)[0], facts, EventDates.For(entity, fyStartYear));
            instance.StatutoryDueDate = due.DueDate;
            instance.AwaitingEvent = due.AwaitingEvent;
            dated.Add(new { am.Master.Code, instance.PeriodKey, due.DueDate });
        }

        try
        {
            await audit.AppendAsync(
                db, ctx,
                new AuditRecord(AuditAction.AgmRecorded, "LegalEntity", entity.Id.ToString(), null, new { EntityId = entity.Id, FinancialYearEnd = fyEnd, HeldOn = cmd.HeldOn, DueDatesSet = dated }),
                ct);
            await recompute.RunAsync(db, ctx.TenantId, await RecomputeTenantHandler.TenantTodayAsync(db, clock, ct), scope: null, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return record;
    }
}
