using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Entities.RecordAgm;

/// <param name="FinancialYearEnd">The last day of the financial year whose accounts the AGM adopted.</param>
public sealed record RecordAgmCommand(Guid EntityId, LocalDate FinancialYearEnd, LocalDate HeldOn);

/// <summary>Records when an AGM was held; event-based obligations (AOC-4, MGT-7, ADT-1) count from it.</summary>
public sealed class RecordAgmHandler(ComplianceDbFactory dbs, AuditLog audit)
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

        var entity = await db.LegalEntities.SingleOrDefaultAsync(e => e.Id == cmd.EntityId, ct);
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

        var record = new AgmRecord { TenantId = ctx.TenantId, EntityId = entity.Id, FinancialYearEnd = fyEnd, HeldOn = cmd.HeldOn };
        db.AgmRecords.Add(record);
        try
        {
            await audit.AppendAsync(
                db, ctx,
                new AuditRecord(AuditAction.AgmRecorded, "LegalEntity", entity.Id.ToString(), null, new { EntityId = entity.Id, FinancialYearEnd = fyEnd, HeldOn = cmd.HeldOn }),
                ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return record;
    }
}
