using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Instances.Generate;

public sealed record GenerateAheadResult(LocalDate From, LocalDate Through, int Created)
{
    public bool UpToDate => Created == 0 && From > Through;
}

/// <summary>
/// The daily generation for one tenant: from the day after its <see cref="GenerationMark"/> (the tenant's today on
/// the first run) up to <see cref="DaysAhead"/> days after the tenant's today, then the mark moves there. A missed
/// day or ten is caught up by the next run; a rerun generates nothing (and the generation itself is idempotent by
/// its unique key, so a crash between the generation and the mark only repeats work that creates nothing).
/// </summary>
public sealed class GenerateAheadHandler(ComplianceDbFactory dbs, GenerateInstancesHandler generate, TimeProvider clock)
{
    public const int DaysAhead = 60;

    public async Task<CommandResult<GenerateAheadResult>> HandleAsync(Guid tenantId, CancellationToken ct = default)
    {
        LocalDate today;
        LocalDate? mark;
        await using (var db = dbs.ForTenant(tenantId))
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            today = await RecomputeTenantHandler.TenantTodayAsync(db, clock, ct);
            mark = await db.GenerationMarks.Where(m => m.TenantId == tenantId).Select(m => (LocalDate?)m.GeneratedThrough).SingleOrDefaultAsync(ct);
        }

        var from = mark?.PlusDays(1) ?? today;
        var through = today.PlusDays(DaysAhead);
        if (from > through)
        {
            return new GenerateAheadResult(from, through, 0);
        }

        var ctx = new CommandContext(tenantId, Actor.System("jobs: generation"), Channel.Job, $"generate-ahead:{tenantId:N}:{through:uuuu-MM-dd}");
        var generated = await generate.HandleRangeAsync(ctx, from, through, today, ct: ct);
        if (!generated.Succeeded)
        {
            return CommandResult<GenerateAheadResult>.Failure(generated.Errors);
        }

        await using (var db = dbs.ForTenant(tenantId))
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Never backwards: two runs racing (or a clock set back) leave the furthest mark.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO generation_marks (tenant_id, generated_through, updated_at)
                VALUES ({tenantId}, {through}, {Instant.FromDateTimeOffset(clock.GetUtcNow())})
                ON CONFLICT (tenant_id) DO UPDATE
                  SET generated_through = greatest(generation_marks.generated_through, excluded.generated_through),
                      updated_at = excluded.updated_at
                """, ct);
            await tx.CommitAsync(ct);
        }

        return new GenerateAheadResult(from, through, generated.Value!.Created);
    }
}
