using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Masters.PreviewDueDates;

/// <summary>
/// A rule as typed in the editor (not saved), and the entity to preview it for. Frequency and rule are validated
/// with the same paths as <see cref="SaveCustomMaster.SaveCustomMasterCommand"/>, so errors land on the same fields.
/// </summary>
/// <param name="From">The first day of the preview; the tenant's today when null.</param>
public sealed record PreviewDueDatesQuery(Guid EntityId, string? Frequency, string? DueDateRule, string? Applicability = null, LocalDate? From = null);

/// <param name="Applies">Whether the applicability would select this entity; the dates are shown either way.</param>
public sealed record DueDatePreview(Guid EntityId, string EntityName, LocalDate From, bool Applies, UpcomingDueDatesResult Upcoming);

/// <summary>
/// The next <see cref="UpcomingDueDates.DefaultCount"/> due dates a rule would give an entity of the tenant, with the
/// entity's recorded events (AGM). Reads only; writes and audits nothing. An entity the caller cannot see is not found.
/// </summary>
public sealed class PreviewDueDatesHandler(ComplianceDbFactory dbs, TimeProvider clock)
{
    public async Task<CommandResult<DueDatePreview>> HandleAsync(CommandContext ctx, PreviewDueDatesQuery query, CancellationToken ct = default)
    {
        var v = new Validation();
        DueDateRule? rule = null;
        if (v.TryParseEnum<ComplianceFrequency>("frequency", query.Frequency, out var frequency))
        {
            rule = DueDateRuleParser.Parse(query.DueDateRule, frequency, v);
        }

        var applicability = Applicability.Parse(query.Applicability, "applicability", v);
        if (v.HasErrors)
        {
            return CommandResult<DueDatePreview>.Failure(v.Errors);
        }

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entities = db.LegalEntities.AsNoTracking().Where(e => e.IsActive);
        if (ctx.Actor is { Kind: ActorKind.User, Id: { } userId })
        {
            entities = entities.Where(e => AccessGuard.VisibleEntityIds(db, userId).Contains(e.Id));
        }

        var entity = await entities.Include(e => e.GstRegistrations).Include(e => e.AgmRecords).SingleOrDefaultAsync(e => e.Id == query.EntityId, ct);
        if (entity is null)
        {
            return new NotFoundError("Legal entity", query.EntityId.ToString());
        }

        var from = query.From ?? await RecomputeTenantHandler.TenantTodayAsync(db, clock, ct);
        var facts = EntityFacts.Of(entity);
        var upcoming = UpcomingDueDates.Compute(rule!, frequency, facts, from, fy => EventDates.For(entity, fy));
        return new DueDatePreview(entity.Id, entity.Name, from, applicability!.AppliesTo(facts), upcoming);
    }
}
