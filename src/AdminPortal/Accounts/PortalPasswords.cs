using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.AdminPortal.Accounts;

/// <summary>
/// Gives a tenant admin or an operator a portal password (creating the credential the first time). A new password
/// gets a new stamp, which ends the sessions signed in with the old one, and clears any lock. Audited; the password
/// itself is never stored or logged, only its hash.
/// </summary>
public sealed class PortalPasswords(ComplianceDbFactory dbs, IPasswordHasher<PortalCredentialUser> hasher, AuditLog audit, TimeProvider clock)
{
    public const int MinimumLength = 12;

    public static string? Problem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumLength
            ? $"A portal password needs at least {MinimumLength} characters."
            : password.Length > 256 ? "A portal password can have at most 256 characters." : null;

    public async Task<CommandResult<PortalCredential>> SetForUserAsync(CommandContext ctx, Guid userId, string password, CancellationToken ct = default)
    {
        if (Problem(password) is { } problem)
        {
            return new ValidationError("password", problem);
        }

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.AsNoTracking().Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return new NotFoundError("User", userId.ToString());
        }

        if (!user.HasRole(UserRole.Admin))
        {
            return new ValidationError("user", $"{user.Name} is not an admin; only admins sign in to the portal.");
        }

        var credential = await db.PortalCredentials.SingleOrDefaultAsync(c => c.TenantId == ctx.TenantId && c.UserId == userId, ct);
        credential = Apply(db, credential, user.Email, password, c => { c.TenantId = ctx.TenantId; c.UserId = userId; });
        await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.PortalPasswordSet, "PortalCredential", credential.Id.ToString(), null, new { email = credential.Email, user = userId }), ct);
        await tx.CommitAsync(ct);
        return credential;
    }

    public async Task<CommandResult<PortalCredential>> SetForOperatorAsync(PlatformContext ctx, Guid operatorId, string password, CancellationToken ct = default)
    {
        if (Problem(password) is { } problem)
        {
            return new ValidationError("password", problem);
        }

        await using var db = dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var op = await db.PlatformOperators.AsNoTracking().SingleOrDefaultAsync(o => o.Id == operatorId, ct);
        if (op is null)
        {
            return new NotFoundError("PlatformOperator", operatorId.ToString());
        }

        var credential = await db.PortalCredentials.SingleOrDefaultAsync(c => c.OperatorId == operatorId, ct);
        credential = Apply(db, credential, op.Email, password, c => c.OperatorId = operatorId);
        await audit.AppendAsync(db, AuditLog.PlatformChain, ctx.Actor, ctx.Channel, ctx.CorrelationId,
            new AuditRecord(AuditAction.PortalPasswordSet, "PortalCredential", credential.Id.ToString(), null, new { email = credential.Email, @operator = operatorId }), ct);
        await tx.CommitAsync(ct);
        return credential;
    }

    private PortalCredential Apply(ComplianceDb db, PortalCredential? credential, string email, string password, Action<PortalCredential> owner)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        if (credential is null)
        {
            credential = new PortalCredential { Id = Guid.CreateVersion7(), Email = email.Trim().ToLowerInvariant(), PasswordHash = string.Empty, CreatedAt = now };
            owner(credential);
            db.PortalCredentials.Add(credential);
        }

        credential.PasswordHash = hasher.HashPassword(PortalCredentialUser.Instance, password);
        credential.Stamp = Guid.NewGuid();
        credential.FailedSignIns = 0;
        credential.LockedUntil = null;
        return credential;
    }
}
