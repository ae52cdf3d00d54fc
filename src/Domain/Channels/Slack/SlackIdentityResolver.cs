using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Channels.Slack;

/// <summary>
/// Resolves a Slack workspace (<c>team_id</c>) to our tenant and a Slack user to an active user of it: by the stored
/// Slack user id, else by the email Slack has for them (asked only then), which is then recorded — audited — so the
/// next message resolves directly. Null means the workspace is not connected; a null user, that nobody matches.
/// </summary>
public sealed class SlackIdentityResolver(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    /// <summary>As for Teams: commands re-read roles and grants themselves; only names and the time zone can go stale.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Team, string User), (ResolvedIdentity Identity, DateTimeOffset Until)> _known = new();

    public async Task<Guid?> TenantOfAsync(string teamId, CancellationToken ct = default)
    {
        await using var unscoped = dbs.Unscoped();
        return await unscoped.Database
            .SqlQuery<Guid?>($"SELECT app_resolve_tenant('slack', {teamId.Trim()}) AS \"Value\"")
            .SingleAsync(ct);
    }

    /// <param name="emailOf">Asks Slack for the user's email (users.info); called only when the id is not known yet.</param>
    public async Task<ResolvedIdentity?> ResolveAsync(string teamId, string slackUserId, Func<CancellationToken, Task<string?>> emailOf, string? correlationId, CancellationToken ct = default)
    {
        var key = (teamId.Trim().ToUpperInvariant(), slackUserId.Trim().ToUpperInvariant());
        var now = clock.GetUtcNow();
        if (_known.TryGetValue(key, out var known) && known.Until > now)
        {
            return known.Identity;
        }

        if (await TenantOfAsync(key.Item1, ct) is not { } tenantId)
        {
            return null;
        }

        var resolved = await LookUpAsync(tenantId, key.Item2, emailOf, correlationId, ct);
        if (resolved.User is not null)
        {
            _known[key] = (resolved, now + CacheFor);
        }

        return resolved;
    }

    private async Task<ResolvedIdentity> LookUpAsync(Guid tenantId, string slackUserId, Func<CancellationToken, Task<string?>> emailOf, string? correlationId, CancellationToken ct)
    {
        string name, timeZone;
        User? user;
        await using (var db = dbs.ForTenant(tenantId))
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var tenant = await db.Tenants.Select(t => new { t.Name, t.TimeZone }).SingleAsync(ct);
            (name, timeZone) = (tenant.Name, tenant.TimeZone);
            user = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.EntityAccess)
                .SingleOrDefaultAsync(u => u.IsActive && u.SlackUserId == slackUserId, ct);
        }

        if (user is null)
        {
            // Outside any transaction: Slack may be slow, and nothing here needs to wait on it under a lock.
            var email = (await emailOf(ct))?.Trim().ToLowerInvariant();
            if (!string.IsNullOrEmpty(email))
            {
                user = await RecordSlackIdAsync(tenantId, email, slackUserId, correlationId, ct);
            }
        }

        return new ResolvedIdentity(tenantId, name, user) { TimeZone = timeZone, Channel = Channel.Slack };
    }

    private async Task<User?> RecordSlackIdAsync(Guid tenantId, string email, string slackUserId, string? correlationId, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.Include(u => u.Roles).Include(u => u.EntityAccess).SingleOrDefaultAsync(u => u.IsActive && u.Email == email, ct);
        if (user is null)
        {
            return null;
        }

        if (user.SlackUserId is not null && user.SlackUserId != slackUserId)
        {
            // Someone else's Slack account claims this email; the stored id wins and the claim is not trusted.
            return null;
        }

        if (user.SlackUserId is null)
        {
            var before = UserSnapshot.Of(user);
            user.SlackUserId = slackUserId;
            await audit.AppendAsync(
                db, tenantId, Actor.System("slack-identity"), Channel.Slack, correlationId,
                new AuditRecord(AuditAction.UserUpdated, "User", user.Id.ToString(), before, UserSnapshot.Of(user)), ct);
            await tx.CommitAsync(ct);
        }

        return user;
    }
}
