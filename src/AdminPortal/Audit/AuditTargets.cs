namespace ComplianceOs.AdminPortal.Audit;

/// <summary>The target types the trail's writers use (<see cref="Domain.Audit.AuditRecord.TargetType"/>) that the portal links up.</summary>
public static class AuditTargets
{
    public const string LegalEntity = "LegalEntity";
    public const string Instance = "ComplianceInstance";
    public const string Evidence = "Evidence";
    public const string User = "User";
}
