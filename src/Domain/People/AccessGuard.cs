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
    /// <remarks>
    /// All of it is SQL, composed into the caller's query: an admin check run here would be a synchronous round trip
    /// that blocks a thread-pool thread on every call (under load, the whole host waited for threads).
    /// </remarks>
    public static IQueryable<Guid> VisibleEntityIds(ComplianceDb db, Guid userId) =>
        db.LegalEntities
            .Where(e => e.IsActive
                && (db.UserRoles.Any(r => r.UserId == userId && r.Role == UserRole.Admin)
                    || db.EntityAccess.Any(a => a.UserId == userId && a.EntityId == e.Id)))
            .Select(e => e.Id);
}
