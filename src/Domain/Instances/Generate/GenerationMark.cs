using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Instances.Generate;

/// <summary>
/// How far ahead a tenant's obligations have been generated: the daily job generates from the day after it up to
/// 60 days ahead, so a missed run catches up exactly and a rerun finds nothing to do.
/// </summary>
public sealed class GenerationMark : ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>The last due date covered: instances due on or before it exist.</summary>
    public LocalDate GeneratedThrough { get; set; }

    public Instant UpdatedAt { get; set; }
}
