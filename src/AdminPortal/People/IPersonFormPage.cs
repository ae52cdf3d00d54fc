namespace ComplianceOs.AdminPortal.People;

/// <summary>What the shared person form (Pages/Tenant/People/_PersonForm) needs of the create and edit pages.</summary>
public interface IPersonFormPage
{
    PersonForm Form { get; }

    IReadOnlyList<EntityOption> Entities { get; }

    bool IsEdit { get; }
}
