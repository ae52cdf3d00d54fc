using System.Security.Claims;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Portal;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ComplianceOs.AdminPortal.Accounts;

/// <summary>The answer to a sign-in: the principal for the cookie, or what to tell the person.</summary>
public sealed record SignInOutcome(ClaimsPrincipal? Principal, string? Problem);

/// <summary>
/// Checks an email and password against the portal's credentials. An unknown email costs the same hash as a known
/// one and gets the same answer as a wrong password. Failed passwords are counted in one UPDATE (concurrent guesses
/// cannot slip past the count) and lock the credential for a while at the limit; a locked credential is not even
/// checked. Every attempt against a known credential is audited in its tenant's chain (an operator's in the
/// platform's), with the client address.
/// </summary>
public sealed partial class PortalSignIn(
    ComplianceDbFactory dbs,
    IPasswordHasher<PortalCredentialUser> hasher,
    AuditLog audit,
    IOptions<PortalSignInOptions> options,
    TimeProvider clock,
    ILogger<PortalSignIn> logger)
{
    public const string WrongCredentials = "The email or password is not right.";

    // A real hash of nothing anyone knows: verifying against it costs what verifying a real one costs.
    private static readonly string UnknownHash =
        new PasswordHasher<PortalCredentialUser>().HashPassword(PortalCredentialUser.Instance, Guid.NewGuid().ToString("N"));

    public async Task<SignInOutcome> SignInAsync(string? email, string? password, string? address, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return new SignInOutcome(null, "Enter your email and password.");
        }

        var normalized = email.Trim().ToLowerInvariant();
        PortalCredential? credential;
        await using (var lookup = dbs.ForPlatform())
        {
            await using var tx = await lookup.Database.BeginTransactionAsync(ct);
            credential = await lookup.PortalCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.Email == normalized, ct);
        }

        if (credential is null)
        {
            hasher.VerifyHashedPassword(PortalCredentialUser.Instance, UnknownHash, password);
            LogUnknown(logger);
            return new SignInOutcome(null, WrongCredentials);
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        if (credential.LockedUntil is { } until && until > now)
        {
            return new SignInOutcome(null, Locked(until));
        }

        await using var db = credential.TenantId is { } tenant ? dbs.ForTenant(tenant) : dbs.ForPlatform();
        await using var write = await db.Database.BeginTransactionAsync(ct);
        var chain = credential.TenantId ?? AuditLog.PlatformChain;
        var verdict = hasher.VerifyHashedPassword(PortalCredentialUser.Instance, credential.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var o = options.Value;
            var lockUntil = now + Duration.FromMinutes(o.LockoutMinutes);
            var counted = await db.Database.SqlQuery<FailureCount>($"""
                UPDATE portal_credentials
                   SET failed_sign_ins = failed_sign_ins + 1,
                       locked_until = CASE WHEN failed_sign_ins + 1 >= {o.MaxFailures} THEN {lockUntil} ELSE locked_until END
                 WHERE id = {credential.Id}
                RETURNING failed_sign_ins AS failures, locked_until
                """).ToListAsync(ct) is [var row] ? row : throw new InvalidOperationException("the credential vanished during sign-in");
            var actor = Actor.System("portal sign-in");
            await audit.AppendAsync(db, chain, actor, Channel.Portal, null, new AuditRecord(
                AuditAction.PortalSignInFailed, "PortalCredential", credential.Id.ToString(), null, new { email = normalized, failures = counted.Failures, address }), ct);
            if (counted.LockedUntil is { } locked && counted.Failures == o.MaxFailures)
            {
                await audit.AppendAsync(db, chain, actor, Channel.Portal, null, new AuditRecord(
                    AuditAction.PortalCredentialLocked, "PortalCredential", credential.Id.ToString(), null, new { email = normalized, until = locked, address }), ct);
                LogLocked(logger, credential.Id);
            }

            await write.CommitAsync(ct);
            return new SignInOutcome(null, counted.LockedUntil is { } l && l > now ? Locked(l) : WrongCredentials);
        }

        var who = await WhoAsync(db, credential, ct);
        if (who is null)
        {
            // The password was right, so saying why is no help to a guesser.
            return new SignInOutcome(null, "This account may not sign in to the admin portal: it is not an active admin.");
        }

        var tracked = await db.PortalCredentials.SingleAsync(c => c.Id == credential.Id, ct);
        tracked.FailedSignIns = 0;
        tracked.LockedUntil = null;
        tracked.LastSignInAt = now;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            tracked.PasswordHash = hasher.HashPassword(PortalCredentialUser.Instance, password);
        }

        await audit.AppendAsync(db, chain, who.Value.Actor, Channel.Portal, null, new AuditRecord(
            AuditAction.PortalSignedIn, "PortalCredential", credential.Id.ToString(), null, new { email = normalized, address }), ct);
        await write.CommitAsync(ct);
        return new SignInOutcome(Principal(credential, who.Value.Actor.DisplayName), null);
    }

    /// <summary>The person behind a credential, when they may use the portal: an active admin of the tenant, or an active operator.</summary>
    internal static async Task<(Actor Actor, string Name)?> WhoAsync(ComplianceDb db, PortalCredential credential, CancellationToken ct)
    {
        if (credential.OperatorId is { } operatorId)
        {
            var op = await db.PlatformOperators.AsNoTracking().SingleOrDefaultAsync(o => o.Id == operatorId && o.IsActive, ct);
            return op is null ? null : (Actor.Operator(op.Id, op.Name), op.Name);
        }

        var user = await db.Users.AsNoTracking().Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == credential.UserId && u.IsActive, ct);
        var tenantActive = await db.Tenants.AnyAsync(t => t.Id == credential.TenantId && t.IsActive, ct);
        return user is not null && tenantActive && user.HasRole(UserRole.Admin) ? (Actor.User(user.Id, user.Name), user.Name) : null;
    }

    private static ClaimsPrincipal Principal(PortalCredential c, string name)
    {
        var claims = new List<Claim>
        {
            new(PortalClaims.Credential, c.Id.ToString()),
            new(PortalClaims.Kind, c.IsOperator ? PortalClaims.OperatorKind : PortalClaims.TenantAdminKind),
            new(PortalClaims.Stamp, c.Stamp.ToString("N")),
            new(PortalClaims.Name, name),
            new(ClaimTypes.Name, name),
        };
        if (c.OperatorId is { } op)
        {
            claims.Add(new(PortalClaims.Operator, op.ToString()));
        }
        else
        {
            claims.Add(new(PortalClaims.Tenant, c.TenantId!.Value.ToString()));
            claims.Add(new(PortalClaims.User, c.UserId!.Value.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, PortalClaims.Name, null));
    }

    private static string Locked(Instant until) =>
        $"Too many wrong passwords: this account is locked until {until.InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]):HH:mm} IST. Try again then, or ask another admin.";

    private sealed class FailureCount
    {
        public int Failures { get; set; }

        public Instant? LockedUntil { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal sign-in for an unknown email refused")]
    private static partial void LogUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal credential {CredentialId} locked after repeated wrong passwords")]
    private static partial void LogLocked(ILogger logger, Guid credentialId);
}
