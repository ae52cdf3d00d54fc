using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Entities;

/// <summary>The date an annual general meeting was held for the financial year ending in <see cref="FinancialYearEnd"/>.</summary>
public sealed class AgmRecord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid EntityId { get; set; }

    /// <summary>The last day of the financial year the AGM adopted accounts for (e.g. 2025-03-31).</summary>
    public LocalDate FinancialYearEnd { get; set; }

    public LocalDate HeldOn { get; set; }
}
