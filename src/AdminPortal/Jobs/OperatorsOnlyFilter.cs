using ComplianceOs.AdminPortal.Accounts;
using Hangfire.Dashboard;

namespace ComplianceOs.AdminPortal.Jobs;

/// <summary>
/// The dashboard shows (and can retry or delete) every tenant's jobs: only a signed-in platform operator may open it.
/// The principal is the portal's cookie principal, already re-validated for this request (<see cref="PrincipalCheck"/>),
/// so a deactivated operator or a changed password closes the dashboard as it closes every page. A tenant admin is
/// refused (Hangfire answers 403 to a signed-in principal, 401 to an anonymous one).
/// </summary>
public sealed class OperatorsOnlyFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.HasClaim(PortalClaims.Kind, PortalClaims.OperatorKind);
    }
}
