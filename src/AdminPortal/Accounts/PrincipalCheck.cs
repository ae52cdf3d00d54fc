using ComplianceOs.Domain.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.AdminPortal.Accounts;

/// <summary>
/// Every request re-checks the cookie against the database: a changed password (new stamp), a lock, a removed admin
/// role, a deactivated person or tenant ends the session at once rather than when the cookie expires.
/// </summary>
public static class PrincipalCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var user = context.Principal;
        if (user is null || !Guid.TryParse(user.FindFirst(PortalClaims.Credential)?.Value, out var id))
        {
            await RejectAsync(context);
            return;
        }

        var dbs = context.HttpContext.RequestServices.GetRequiredService<ComplianceDbFactory>();
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        await using var db = dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync(context.HttpContext.RequestAborted);
        var credential = await db.PortalCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, context.HttpContext.RequestAborted);
        var now = NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow());
        if (credential is null
            || credential.Stamp.ToString("N") != user.FindFirst(PortalClaims.Stamp)?.Value
            || credential.LockedUntil > now)
        {
            await RejectAsync(context);
            return;
        }

        await using var scoped = credential.TenantId is { } tenant ? dbs.ForTenant(tenant) : dbs.ForPlatform();
        await using var scopedTx = await scoped.Database.BeginTransactionAsync(context.HttpContext.RequestAborted);
        if (await PortalSignIn.WhoAsync(scoped, credential, context.HttpContext.RequestAborted) is null)
        {
            await RejectAsync(context);
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
