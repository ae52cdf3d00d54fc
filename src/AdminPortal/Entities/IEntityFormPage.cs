using ComplianceOs.Domain.Entities.PreviewObligations;

namespace ComplianceOs.AdminPortal.Entities;

/// <summary>What the shared entity form (Pages/Tenant/Entities/_EntityForm) needs of the create and edit pages.</summary>
public interface IEntityFormPage
{
    EntityForm Form { get; }

    IReadOnlyList<PersonOption> People { get; }

    /// <summary>The obligations the form's entity would have, once previewed.</summary>
    IReadOnlyList<PreviewedObligation>? Preview { get; }

    bool IsEdit { get; }
}
