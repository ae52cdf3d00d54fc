using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.People.UpdateUser;

/// <param name="Stamp">The <see cref="UpdateUserHandler.StampOf"/> of the person the edit started from.</param>
/// <param name="Roles">Role names as typed; the person's roles become exactly these.</param>
/// <param name="EntityIds">The entities the person is granted; grants not listed are revoked.</param>
/// <param name="IsActive">False: the person can no longer act, be assigned or sign in; their history stays.</param>
public sealed record UpdateUserCommand(
    Guid UserId,
    string Stamp,
    string Name,
    string Email,
    IReadOnlyList<string> Roles,
    string? AadObjectId,
    string? SlackUserId,
    string? PreferredChannel,
    IReadOnlyList<Guid> EntityIds,
    bool IsActive = true);

/// <summary>
/// Edits a person — details, Teams and Slack identities, preferred channel, roles, entity access, active — in one
/// transaction; admins only. Refused as stale when the person changed since the editor's copy, and refused when it
/// would leave the tenant without an active admin. A portal sign-in follows a changed email. Audited with the before
/// and after; an edit that changes nothing writes nothing.
/// </summary>
public sealed class UpdateUserHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["ix_users_tenant_id_email"] = "email",
        ["ix_users_tenant_id_aad_object_id"] = "aadObjectId",
        ["ix_users_tenant_id_slack_user_id"] = "slackUserId",
        ["ix_portal_credentials_email"] = "email",
        ["fk_entity_access_legal_entities_tenant_id_entity_id"] = "entityIds",
    };

    /// <summary>The stamp of a person as loaded with their roles and entity access.</summary>
    public static string StampOf(User user) => EditStamp.Of(UserSnapshot.Of(user));

    public async Task<CommandResult<User>> HandleAsync(CommandContext ctx, UpdateUserCommand cmd, CancellationToken ct = default)
    {
        var v = new Validation();
        var details = UserRules.Check(v, cmd.Name, cmd.Email, cmd.Roles, cmd.AadObjectId, cmd.SlackUserId, cmd.PreferredChannel);
        if (v.HasErrors)
        {
            return CommandResult<User>.Failure(v.Errors);
        }

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "edit people", ct) is { } denied)
        {
            return denied;
        }

        // The person and every admin, locked in one ordered statement: two admins demoting each other at once
        // queue here instead of both seeing the other still an admin (and the fixed order cannot deadlock).
        await db.Database.ExecuteSqlAsync($"""
            SELECT 1 FROM users
             WHERE id = {cmd.UserId} OR id IN (SELECT user_id FROM user_roles WHERE role = 'Admin')
             ORDER BY id FOR UPDATE
            """, ct);
        var user = await db.Users.Include(u => u.Roles).Include(u => u.EntityAccess).SingleOrDefaultAsync(u => u.Id == cmd.UserId, ct);
        if (user is null)
        {
            return new NotFoundError("User", cmd.UserId.ToString());
        }

        if (StampOf(user) != cmd.Stamp)
        {
            return new StaleError($"{user.Name} was changed by someone else since this form was opened; reload it to see their change.");
        }

        var entityIds = cmd.EntityIds.Distinct().ToList();
        var known = await db.LegalEntities.Where(e => entityIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        if (entityIds.Except(known).ToList() is [var unknown, ..])
        {
            return new NotFoundError("Legal entity", unknown.ToString());
        }

        var staysAdmin = cmd.IsActive && details.Roles.Contains(UserRole.Admin);
        if (user.IsActive && user.HasRole(UserRole.Admin) && !staysAdmin && !await AnotherActiveAdminAsync(db, user.Id, ct))
        {
            return new ConflictError(
                cmd.IsActive ? "roles" : "isActive",
                $"{user.Name} is the only active admin; make someone else an admin first, or the tenant could not be administered");
        }

        var before = UserSnapshot.Of(user);
        var emailChanged = user.Email != details.Email;
        Apply(db, user, details, entityIds, cmd.IsActive, Instant.FromDateTimeOffset(clock.GetUtcNow()));
        if (emailChanged && await db.PortalCredentials.SingleOrDefaultAsync(c => c.TenantId == ctx.TenantId && c.UserId == user.Id, ct) is { } credential)
        {
            // The portal signs admins in by email, so their sign-in follows the address they now have.
            credential.Email = details.Email;
        }

        var after = UserSnapshot.Of(user);
        if (AuditSnapshot.Serialize(before) == AuditSnapshot.Serialize(after))
        {
            return user;
        }

        try
        {
            await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.UserUpdated, "User", user.Id.ToString(), before, after), ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return user;
    }

    private static Task<bool> AnotherActiveAdminAsync(ComplianceDb db, Guid userId, CancellationToken ct) =>
        db.UserRoles.AnyAsync(r => r.Role == UserRole.Admin && r.UserId != userId && db.Users.Any(u => u.Id == r.UserId && u.IsActive), ct);

    private static void Apply(ComplianceDb db, User user, UserDetails details, List<Guid> entityIds, bool isActive, Instant now)
    {
        user.Name = details.Name;
        user.Email = details.Email;
        user.AadObjectId = details.AadObjectId;
        user.SlackUserId = details.SlackUserId;
        user.PreferredChannel = details.PreferredChannel;
        user.IsActive = isActive;

        foreach (var gone in user.Roles.Where(r => !details.Roles.Contains(r.Role)).ToList())
        {
            db.UserRoles.Remove(gone);
            user.Roles.Remove(gone);
        }

        foreach (var role in details.Roles.Where(r => !user.HasRole(r)))
        {
            // Adding to the set also puts the grant in the navigation (EF's fix-up).
            db.UserRoles.Add(new UserRoleGrant { TenantId = user.TenantId, UserId = user.Id, Role = role });
        }

        foreach (var gone in user.EntityAccess.Where(a => !entityIds.Contains(a.EntityId)).ToList())
        {
            db.EntityAccess.Remove(gone);
            user.EntityAccess.Remove(gone);
        }

        foreach (var entityId in entityIds.Where(id => user.EntityAccess.All(a => a.EntityId != id)))
        {
            db.EntityAccess.Add(new EntityAccess { TenantId = user.TenantId, UserId = user.Id, EntityId = entityId, GrantedAt = now });
        }
    }
}
