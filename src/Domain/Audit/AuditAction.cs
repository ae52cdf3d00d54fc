namespace ComplianceOs.Domain.Audit;

/// <summary>What an audit entry records. Stored by name; never renumber or rename a value.</summary>
public enum AuditAction
{
    TenantCreated,
    TenantUpdated,
    TenantDeactivated,
    LegalEntityCreated,
    LegalEntityUpdated,
    AgmRecorded,
    UserCreated,
    UserUpdated,
    EntityAccessGranted,
    EntityAccessRevoked,
    PlatformOperatorCreated,
    CatalogSeeded,
    MasterCreated,
    MasterUpdated,
    ExtensionRecorded,
    InstancesGenerated,
    InstanceCreated,
    InstanceStarted,
    SubmittedForApproval,
    Approved,
    Rejected,
    Filed,
    Blocked,
    Unblocked,
    Commented,
    Reassigned,
    SlackInstallLinkIssued,
    SlackWorkspaceInstalled,
}
