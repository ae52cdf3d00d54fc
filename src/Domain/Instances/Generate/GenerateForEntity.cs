using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Instances.Generate;

/// <summary>
/// Brings one entity up to where the tenant's daily generation has already reached. The daily run only generates
/// past its <see cref="GenerationMark"/>, so without this an entity created (or an obligation switched on) today would
/// have nothing due until the mark — up to <see cref="GenerateAheadHandler.DaysAhead"/> days of missing work. Due
/// dates from the tenant's today on; earlier ones are not backfilled. Idempotent like every generation.
/// </summary>
public sealed class GenerateForEntityHandler(ComplianceDbFactory dbs, GenerateInstancesHandler generate, TimeProvider clock)
{
    public async Task<CommandResult<GenerationResult>> HandleAsync(CommandContext ctx, Guid entityId, CancellationToken ct = default)
    {
        LocalDate today;
        LocalDate? mark;
        await using (var db = dbs.ForTenant(ctx.TenantId))
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await db.LegalEntities.AnyAsync(e => e.Id == entityId && e.IsActive, ct))
            {
                return new NotFoundError("LegalEntity", entityId.ToString());
            }

            today = await RecomputeTenantHandler.TenantTodayAsync(db, clock, ct);
            mark = await db.GenerationMarks.Where(m => m.TenantId == ctx.TenantId).Select(m => (LocalDate?)m.GeneratedThrough).SingleOrDefaultAsync(ct);
        }

        // Before the first daily run there is no mark: the window it will start with.
        var through = mark ?? today.PlusDays(GenerateAheadHandler.DaysAhead);
        return await generate.HandleRangeAsync(ctx, today, through, today, entityId, ct);
    }
}
