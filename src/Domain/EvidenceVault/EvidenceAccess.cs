using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.EvidenceVault;

/// <summary>The acting person and the obligation, once they are known to go together: active, and an admin or with access to its entity.</summary>
public sealed record EvidenceScope(User Actor, ComplianceInstance Instance, string Describe)
{
    public bool IsAdmin => Actor.HasRole(UserRole.Admin);

    /// <summary>Owners, approvers and admins handle proof; viewers only look.</summary>
    public bool MayUpload => IsAdmin || Instance.OwnerUserId == Actor.Id || Actor.HasRole(UserRole.Owner) || Actor.HasRole(UserRole.Approver);

    /// <summary>The assigned approver, an approver of the entity, or an admin.</summary>
    public bool MayDecide => Instance.ApproverUserId == Actor.Id || Actor.HasRole(UserRole.Approver) || IsAdmin;
}

/// <summary>
/// Loads who is acting and on which obligation inside a tenant-scoped context. Another tenant's or an unseen
/// entity's obligation looks exactly like one that does not exist.
/// </summary>
public static class EvidenceAccess
{
    public static async Task<CommandResult<EvidenceScope>> LoadAsync(ComplianceDb db, CommandContext ctx, Guid instanceId, CancellationToken ct)
    {
        var found = await db.ComplianceInstances.AsNoTracking().Where(i => i.Id == instanceId)
            .Select(i => new { Instance = i, Code = db.ComplianceMasters.Where(m => m.Id == i.MasterId).Select(m => m.Code).First() })
            .SingleOrDefaultAsync(ct);
        return await DecideAsync(db, ctx, instanceId, found?.Instance, found?.Code, ct);
    }

    /// <summary>
    /// The same decision for an obligation the caller read itself (with whatever else it needed in the same query):
    /// <paramref name="instance"/> null when it was not found.
    /// </summary>
    public static async Task<CommandResult<EvidenceScope>> DecideAsync(
        ComplianceDb db, CommandContext ctx, Guid instanceId, ComplianceInstance? instance, string? masterCode, CancellationToken ct)
    {
        if (ctx.Actor.Kind != ActorKind.User || ctx.Actor.Id is not { } actorId)
        {
            return new ForbiddenError("Evidence is handled by people, not by the system.");
        }

        var actor = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.EntityAccess)
            .SingleOrDefaultAsync(u => u.Id == actorId && u.IsActive, ct);
        if (actor is null)
        {
            return new ForbiddenError("You are not an active user of this organisation.");
        }

        if (instance is null || !(actor.HasRole(UserRole.Admin) || actor.EntityAccess.Any(a => a.EntityId == instance.EntityId)))
        {
            return new NotFoundError("Obligation", instanceId.ToString());
        }

        return new EvidenceScope(actor, instance, $"{masterCode} {instance.PeriodKey}");
    }
}
