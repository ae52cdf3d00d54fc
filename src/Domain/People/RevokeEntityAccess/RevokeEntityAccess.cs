using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.People.RevokeEntityAccess;

public sealed record RevokeEntityAccessCommand(Guid UserId, Guid EntityId);

/// <summary>
/// Takes one entity away from a person; admins only. Their obligations there stay assigned until reassigned. A grant
/// that does not exist (never made, already revoked, or another tenant's) is not found. Audited.
/// </summary>
public sealed class RevokeEntityAccessHandler(ComplianceDbFactory dbs, AuditLog audit)
{
    public async Task<CommandResult<EntityAccess>> HandleAsync(CommandContext ctx, RevokeEntityAccessCommand cmd, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "revoke access to entities", ct) is { } denied)
        {
            return denied;
        }

        var grant = await db.EntityAccess.SingleOrDefaultAsync(a => a.UserId == cmd.UserId && a.EntityId == cmd.EntityId, ct);
        if (grant is null)
        {
            return new NotFoundError("Entity access", $"{cmd.UserId}/{cmd.EntityId}");
        }

        db.EntityAccess.Remove(grant);
        try
        {
            await audit.AppendAsync(
                db, ctx,
                new AuditRecord(AuditAction.EntityAccessRevoked, "User", cmd.UserId.ToString(), new { cmd.UserId, cmd.EntityId, grant.GrantedAt }, null),
                ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another admin revoked it between our read and our delete.
            return new NotFoundError("Entity access", $"{cmd.UserId}/{cmd.EntityId}");
        }

        return grant;
    }
}
