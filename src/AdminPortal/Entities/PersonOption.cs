using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.AdminPortal.Entities;

/// <summary>A person a legal entity's form can name as escalation contact or director.</summary>
public sealed record PersonOption(Guid Id, string Name, bool IsActive)
{
    /// <summary>The admin's tenant's people (the context is tenant-scoped and in a transaction), active first.</summary>
    public static async Task<IReadOnlyList<PersonOption>> LoadAsync(ComplianceDb db, CancellationToken ct) =>
        await db.Users.AsNoTracking()
            .OrderByDescending(u => u.IsActive).ThenBy(u => u.Name)
            .Select(u => new PersonOption(u.Id, u.Name, u.IsActive))
            .ToListAsync(ct);
}
