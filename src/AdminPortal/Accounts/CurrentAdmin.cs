using System.Security.Claims;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;

namespace ComplianceOs.AdminPortal.Accounts;

/// <summary>
/// The signed-in admin or operator of this request, read from the (already re-validated) cookie. Tenant pages open
/// their database only through <see cref="TenantDb"/>, so every query runs under the admin's own tenant.
/// </summary>
public sealed class CurrentAdmin(IHttpContextAccessor http, ComplianceDbFactory dbs)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("no request");

    public bool IsOperator => User.FindFirst(PortalClaims.Kind)?.Value == PortalClaims.OperatorKind;

    public string Name => User.FindFirst(PortalClaims.Name)?.Value ?? "?";

    public Guid TenantId => Guid.TryParse(User.FindFirst(PortalClaims.Tenant)?.Value, out var t) ? t : throw new InvalidOperationException("not a tenant admin");

    public Guid UserId => Guid.TryParse(User.FindFirst(PortalClaims.User)?.Value, out var u) ? u : throw new InvalidOperationException("not a tenant admin");

    public Guid OperatorId => Guid.TryParse(User.FindFirst(PortalClaims.Operator)?.Value, out var o) ? o : throw new InvalidOperationException("not an operator");

    public ComplianceDb TenantDb() => dbs.ForTenant(TenantId);

    /// <summary>The context of a tenant command made from the portal.</summary>
    public CommandContext Command() => new(TenantId, Actor.User(UserId, Name), Channel.Portal, http.HttpContext?.TraceIdentifier);

    /// <summary>The context of a platform command made by the operator.</summary>
    public PlatformContext Platform() => new(Actor.Operator(OperatorId, Name), Channel.Portal, http.HttpContext?.TraceIdentifier);
}
