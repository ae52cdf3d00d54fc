using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.AdminPortal.People;

/// <summary>A legal entity a person's form can grant.</summary>
public sealed record EntityOption(Guid Id, string Name, bool IsActive)
{
    /// <summary>The admin's tenant's entities (the context is tenant-scoped and in a transaction), active first.</summary>
    public static async Task<IReadOnlyList<EntityOption>> LoadAsync(ComplianceDb db, CancellationToken ct) =>
        await db.LegalEntities.AsNoTracking()
            .OrderByDescending(e => e.IsActive).ThenBy(e => e.Name)
            .Select(e => new EntityOption(e.Id, e.Name, e.IsActive))
            .ToListAsync(ct);
}
