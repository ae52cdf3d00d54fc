using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.People.CreateUser;

/// <param name="Roles">Role names as typed ("Admin", "approver"); unknown names are refused.</param>
/// <param name="EntityIds">Entities the user is granted access to, in the same transaction.</param>
public sealed record CreateUserCommand(
    string Name,
    string Email,
    IReadOnlyList<string> Roles,
    string? AadObjectId = null,
    string? SlackUserId = null,
    string? PreferredChannel = null,
    IReadOnlyList<Guid>? EntityIds = null,
    Guid? Id = null);

/// <summary>Adds a person to a tenant with roles and entity grants; admins only. All or nothing, audited.</summary>
public sealed class CreateUserHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["pk_users"] = "id",
        ["ix_users_tenant_id_email"] = "email",
        ["ix_users_tenant_id_aad_object_id"] = "aadObjectId",
        ["ix_users_tenant_id_slack_user_id"] = "slackUserId",
        ["fk_entity_access_legal_entities_tenant_id_entity_id"] = "entityIds",
    };

    public async Task<CommandResult<User>> HandleAsync(CommandContext ctx, CreateUserCommand cmd, CancellationToken ct = default)
    {
        var v = new Validation();
        var details = UserRules.Check(v, cmd.Name, cmd.Email, cmd.Roles, cmd.AadObjectId, cmd.SlackUserId, cmd.PreferredChannel);
        if (v.HasErrors)
        {
            return CommandResult<User>.Failure(v.Errors);
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var user = new User
        {
            Id = cmd.Id ?? Guid.CreateVersion7(),
            TenantId = ctx.TenantId,
            Name = details.Name,
            Email = details.Email,
            AadObjectId = details.AadObjectId,
            SlackUserId = details.SlackUserId,
            PreferredChannel = details.PreferredChannel,
            CreatedAt = now,
        };
        user.Roles.AddRange(details.Roles.Select(r => new UserRoleGrant { TenantId = ctx.TenantId, UserId = user.Id, Role = r }));
        user.EntityAccess.AddRange((cmd.EntityIds ?? []).Distinct()
            .Select(e => new EntityAccess { TenantId = ctx.TenantId, UserId = user.Id, EntityId = e, GrantedAt = now }));

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "add people", ct) is { } denied)
        {
            return denied;
        }

        db.Users.Add(user);
        try
        {
            await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.UserCreated, "User", user.Id.ToString(), null, UserSnapshot.Of(user)), ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return user;
    }
}
