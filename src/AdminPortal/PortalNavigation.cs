namespace ComplianceOs.AdminPortal;

/// <summary>The tenant admin's menu, in the order an admin works through it.</summary>
public static class PortalNavigation
{
    public static readonly IReadOnlyList<(string Href, string Label)> TenantAdmin =
    [
        ("/Tenant/ControlTower", "Control tower"),
        ("/Tenant/Entities", "Legal entities"),
        ("/Tenant/People", "People"),
        ("/Tenant/Masters", "Compliance masters"),
        ("/Tenant/Escalation", "Escalation"),
        ("/Tenant/Audit", "Audit trail"),
        ("/Tenant/Documents", "Reference documents"),
        ("/Tenant/Deliveries", "Deliveries"),
    ];
}
