using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Channels;

/// <summary>Who is speaking: our tenant and user for a Teams tenant id and AAD object id, when both are known.</summary>
public sealed record ResolvedIdentity(Guid TenantId, string TenantName, User? User)
{
    /// <summary>The tenant's IANA time zone; "today" for this person is computed in it.</summary>
    public string TimeZone { get; init; } = Tenancy.Tenant.DefaultTimeZone;

    /// <summary>The channel the person is speaking through; audit entries of their commands record it.</summary>
    public Channel Channel { get; init; } = Channel.Teams;
}

/// <summary>
/// Resolves a Teams tenant id to our tenant (through the SECURITY DEFINER lookup, before any tenant scope exists)
/// and an AAD object id or an email to an active user of that tenant. Ids are compared as text, never parsed as
/// GUIDs: clients such as the Agents Playground send ids that are not.
/// </summary>
public sealed class TeamsIdentityResolver(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    /// <summary>
    /// How long a person found by their AAD id is remembered. Every command re-reads the actor, roles and entity
    /// grants in its own transaction, and every query filters by the grants in SQL, so what the cache can make stale
    /// is only the name, the tenant's time zone and whether the dashboard is offered — for at most this long.
    /// </summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Tenant, string Aad), (ResolvedIdentity Identity, DateTimeOffset Until)> _known = new();

    public async Task<ResolvedIdentity?> ResolveAsync(string? teamsTenantId, string? aadObjectId, string? email, string? correlationId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(teamsTenantId))
        {
            return null;
        }

        var key = (teamsTenantId.Trim().ToLowerInvariant(), aadObjectId?.Trim().ToLowerInvariant() ?? string.Empty);
        var now = clock.GetUtcNow();
        if (key.Item2.Length > 0 && _known.TryGetValue(key, out var known) && known.Until > now)
        {
            return known.Identity;
        }

        var resolved = await LookUpAsync(teamsTenantId, aadObjectId, email, correlationId, ct);

        // Only people found by their AAD id are remembered; an unknown person is looked up again next time.
        if (resolved?.User is { } user && key.Item2.Length > 0 && user.AadObjectId == key.Item2)
        {
            _known[key] = (resolved, now + CacheFor);
        }

        return resolved;
    }

    private async Task<ResolvedIdentity?> LookUpAsync(string teamsTenantId, string? aadObjectId, string? email, string? correlationId, CancellationToken ct)
    {

        Guid? tenantId;
        await using (var unscoped = dbs.Unscoped())
        {
            tenantId = await unscoped.Database
                .SqlQuery<Guid?>($"SELECT app_resolve_tenant('teams', {teamsTenantId.Trim()}) AS \"Value\"")
                .SingleAsync(ct);
        }

        if (tenantId is not { } id)
        {
            return null;
        }

        await using var db = dbs.ForTenant(id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tenant = await db.Tenants.Select(t => new { t.Name, t.TimeZone }).SingleAsync(ct);
        var aad = aadObjectId?.Trim().ToLowerInvariant();
        var mail = email?.Trim().ToLowerInvariant();
        var user = await db.Users.Include(u => u.Roles).Include(u => u.EntityAccess)
            .Where(u => u.IsActive && ((aad != null && u.AadObjectId == aad) || (mail != null && u.Email == mail)))
            .OrderBy(u => u.AadObjectId == aad ? 0 : 1)
            .FirstOrDefaultAsync(ct);
        if (user is not null && aad is not null && user.AadObjectId is null)
        {
            // Found by email: remember the AAD id so the next message resolves directly.
            var before = UserSnapshot.Of(user);
            user.AadObjectId = aad;
            await audit.AppendAsync(
                db, id, Actor.System("teams-identity"), Channel.Teams, correlationId,
                new AuditRecord(AuditAction.UserUpdated, "User", user.Id.ToString(), before, UserSnapshot.Of(user)), ct);
            await tx.CommitAsync(ct);
        }

        return new ResolvedIdentity(id, tenant.Name, user) { TimeZone = tenant.TimeZone };
    }
}
