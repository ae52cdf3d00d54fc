using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.People;

/// <summary>Who may do what within a tenant. Operators and the system act for a tenant; users need a role.</summary>
public static class AccessGuard
{
    /// <summary>Null when the actor may administer the tenant; otherwise the refusal.</summary>
    public static async Task<Error?> RequireAdminAsync(ComplianceDb db, CommandContext ctx, string what, CancellationToken ct)
    {
        if (ctx.Actor.Kind is ActorKind.System or ActorKind.Operator)
        {
            return null;
        }

        var isAdmin = await db.UserRoles.AnyAsync(
            r => r.UserId == ctx.Actor.Id && r.Role == UserRole.Admin && db.Users.Any(u => u.Id == r.UserId && u.IsActive), ct);
        return isAdmin ? null : new ForbiddenError($"Only a tenant admin can {what}.");
    }

    /// <summary>
    /// The entities a user may see: every active entity for an Admin, otherwise those granted through EntityAccess.
    /// </summary>
    public static IQueryable<Guid> VisibleEntityIds(ComplianceDb db, Guid userId)
    {
        var isAdmin = db.UserRoles.Any(r => r.UserId == userId && r.Role == UserRole.Admin);
        return db.LegalEntities
            .Where(e => e.IsActive && (isAdmin || db.EntityAccess.Any(a => a.UserId == userId && a.EntityId == e.Id)))
            .Select(e => e.Id);
    }
}
