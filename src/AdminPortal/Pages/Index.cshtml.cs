using ComplianceOs.AdminPortal.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplianceOs.AdminPortal.Pages;

/// <summary>The start page of each kind of account: the control tower for an admin, the tenants for an operator.</summary>
public sealed class IndexModel(CurrentAdmin admin) : PageModel
{
    public IActionResult OnGet() => Redirect(admin.IsOperator ? "/Operator/Tenants" : "/Tenant/ControlTower");
}
