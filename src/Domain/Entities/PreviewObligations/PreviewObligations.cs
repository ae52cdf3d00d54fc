using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities.CreateLegalEntity;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Entities.PreviewObligations;

/// <param name="Details">The entity as a form would save it.</param>
/// <param name="EntityId">Set when editing: the preview then says what starts and what stops applying.</param>
public sealed record PreviewObligationsQuery(CreateLegalEntityCommand Details, bool IsActive = true, Guid? EntityId = null);

public enum ObligationChange
{
    /// <summary>Applies (to a new entity; or, when editing, both before and after the edit).</summary>
    Applies,

    /// <summary>Starts to apply with the edit.</summary>
    Added,

    /// <summary>Applies now and stops with the edit.</summary>
    Removed,
}

public sealed record PreviewedObligation(
    string Code,
    string Name,
    ComplianceCategory Category,
    ComplianceFrequency Frequency,
    string Authority,
    ObligationChange Change);

/// <summary>
/// Which obligations an entity would have, decided as generation decides them (the tenant's masters in force and
/// <see cref="GenerateInstancesHandler.ApplicableMasters"/> over the entity's facts), before anything is saved. The
/// input is checked by the same rules as saving, so a preview never shows what could not be saved. Writes nothing.
/// </summary>
public sealed class PreviewObligationsHandler(ComplianceDbFactory dbs)
{
    public async Task<CommandResult<IReadOnlyList<PreviewedObligation>>> HandleAsync(CommandContext ctx, PreviewObligationsQuery query, CancellationToken ct = default)
    {
        var v = new Validation();
        var proposed = CreateLegalEntityHandler.Build(query.Details, ctx.TenantId, v);
        if (v.HasErrors)
        {
            return CommandResult<IReadOnlyList<PreviewedObligation>>.Failure(v.Errors);
        }

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "preview obligations", ct) is { } denied)
        {
            return denied;
        }

        IReadOnlyList<ActiveMaster>? current = null;
        var masters = await MasterSet.LoadAsync(db, ct);
        if (query.EntityId is { } id)
        {
            var stored = await db.LegalEntities.AsNoTracking().Include(e => e.GstRegistrations).SingleOrDefaultAsync(e => e.Id == id, ct);
            if (stored is null)
            {
                return new NotFoundError("Legal entity", id.ToString());
            }

            current = stored.IsActive ? [.. GenerateInstancesHandler.ApplicableMasters(masters, EntityFacts.Of(stored))] : [];
        }

        IReadOnlyList<ActiveMaster> after = query.IsActive ? [.. GenerateInstancesHandler.ApplicableMasters(masters, EntityFacts.Of(proposed))] : [];
        return CommandResult<IReadOnlyList<PreviewedObligation>>.Success(Compare(current, after));
    }

    /// <param name="current">What applies before the edit; null for a new entity (nothing to compare with).</param>
    internal static IReadOnlyList<PreviewedObligation> Compare(IReadOnlyList<ActiveMaster>? current, IReadOnlyList<ActiveMaster> after)
    {
        var afterIds = after.Select(m => m.Master.Id).ToHashSet();
        var currentIds = current?.Select(m => m.Master.Id).ToHashSet();
        var removed = current?.Where(m => !afterIds.Contains(m.Master.Id)) ?? [];
        return after.Select(m => Row(m, currentIds is null || currentIds.Contains(m.Master.Id) ? ObligationChange.Applies : ObligationChange.Added))
            .Concat(removed.Select(m => Row(m, ObligationChange.Removed)))
            .OrderBy(o => o.Category)
            .ThenBy(o => o.Code, StringComparer.Ordinal)
            .ToList();
    }

    private static PreviewedObligation Row(ActiveMaster m, ObligationChange change) =>
        new(m.Master.Code, m.Master.Name, m.Master.Category, m.Master.Frequency, m.Master.Authority, change);
}
