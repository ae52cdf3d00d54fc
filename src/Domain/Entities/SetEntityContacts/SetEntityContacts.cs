using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Entities.SetEntityContacts;

/// <summary>Sets who is escalated to when an obligation is late (+3 days) and who the director is (+7 days).</summary>
public sealed record SetEntityContactsCommand(Guid EntityId, Guid? EscalationContactUserId, Guid? DirectorUserId);

public sealed class SetEntityContactsHandler(ComplianceDbFactory dbs, AuditLog audit)
{
    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["fk_legal_entities_users_tenant_id_escalation_contact_user_id"] = "escalationContactUserId",
        ["fk_legal_entities_users_tenant_id_director_user_id"] = "directorUserId",
    };

    public async Task<CommandResult<LegalEntity>> HandleAsync(CommandContext ctx, SetEntityContactsCommand cmd, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "change entity contacts", ct) is { } denied)
        {
            return denied;
        }

        var entity = await db.LegalEntities.Include(e => e.GstRegistrations).SingleOrDefaultAsync(e => e.Id == cmd.EntityId, ct);
        if (entity is null)
        {
            return new NotFoundError("Legal entity", cmd.EntityId.ToString());
        }

        var v = new Validation();
        foreach (var (field, id) in new[] { ("escalationContactUserId", cmd.EscalationContactUserId), ("directorUserId", cmd.DirectorUserId) })
        {
            if (id is { } userId && !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, ct))
            {
                v.Add(field, $"user '{userId}' is not an active user of this tenant");
            }
        }

        if (v.HasErrors)
        {
            return CommandResult<LegalEntity>.Failure(v.Errors);
        }

        if (entity.EscalationContactUserId == cmd.EscalationContactUserId && entity.DirectorUserId == cmd.DirectorUserId)
        {
            // Nothing changes, so nothing is written or audited; a retried request stays harmless.
            return entity;
        }

        var before = LegalEntitySnapshot.Of(entity);
        entity.EscalationContactUserId = cmd.EscalationContactUserId;
        entity.DirectorUserId = cmd.DirectorUserId;
        try
        {
            await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.LegalEntityUpdated, "LegalEntity", entity.Id.ToString(), before, LegalEntitySnapshot.Of(entity)), ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return entity;
    }
}
