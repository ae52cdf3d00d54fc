using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Masters;

/// <summary>
/// A one-off government extension of a master's due date for one period (e.g. GSTR-3B for 2025-09 to 25 October 2025
/// by Notification 17/2025-CT), recorded for a tenant. Matching instances show it beside the statutory date.
/// </summary>
public sealed class DueDateExtension : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid MasterId { get; set; }

    public required string PeriodKey { get; set; }

    public LocalDate ExtendedTo { get; set; }

    /// <summary>
    /// Empty for every entity; otherwise the comma-separated, sorted state codes it is limited to (state-split
    /// extensions such as GSTR-3B QRMP's 22nd/24th groups). Part of the unique key.
    /// </summary>
    public string StateScope { get; set; } = string.Empty;

    public IReadOnlyList<string> States => StateScope.Length == 0 ? [] : StateScope.Split(',');

    public required string NotificationReference { get; set; }

    public Guid? RecordedByUserId { get; set; }

    public Instant RecordedAt { get; set; }
}
