using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.People.GrantEntityAccess;

public sealed record GrantEntityAccessCommand(Guid UserId, Guid EntityId);

/// <summary>Grants a user one entity; admins only. Granting an existing grant is a conflict, not a duplicate.</summary>
public sealed class GrantEntityAccessHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["pk_entity_access"] = "entityId",
        ["fk_entity_access_legal_entities_tenant_id_entity_id"] = "entityId",
        ["fk_entity_access_users_tenant_id_user_id"] = "userId",
    };

    public async Task<CommandResult<EntityAccess>> HandleAsync(CommandContext ctx, GrantEntityAccessCommand cmd, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "grant access to entities", ct) is { } denied)
        {
            return denied;
        }

        if (!await db.Users.AnyAsync(u => u.Id == cmd.UserId, ct))
        {
            return new NotFoundError("User", cmd.UserId.ToString());
        }

        if (!await db.LegalEntities.AnyAsync(e => e.Id == cmd.EntityId, ct))
        {
            return new NotFoundError("Legal entity", cmd.EntityId.ToString());
        }

        var grant = new EntityAccess
        {
            TenantId = ctx.TenantId,
            UserId = cmd.UserId,
            EntityId = cmd.EntityId,
            GrantedAt = Instant.FromDateTimeOffset(clock.GetUtcNow()),
        };
        db.EntityAccess.Add(grant);
        try
        {
            await audit.AppendAsync(
                db, ctx,
                new AuditRecord(AuditAction.EntityAccessGranted, "User", cmd.UserId.ToString(), null, new { cmd.UserId, cmd.EntityId }),
                ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return grant;
    }
}
