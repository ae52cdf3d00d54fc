using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Instances;

/// <summary>Not started → In progress → Awaiting approval → Approved → Filed; a rejection returns to In progress.</summary>
public enum InstanceStatus
{
    NotStarted,
    InProgress,
    AwaitingApproval,
    Approved,
    Filed,
}

public enum Rag
{
    None,
    Green,
    Amber,
    Red,
}

/// <summary>One obligation of one entity for one period, from its rule to its proof.</summary>
public sealed class ComplianceInstance : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid EntityId { get; set; }

    public Guid MasterId { get; set; }

    /// <summary>Canonical period key, e.g. <c>2025-03</c>, <c>FY2024-25-Q2</c>, <c>FY2024-25</c>; unique per entity and master.</summary>
    public required string PeriodKey { get; set; }

    public LocalDate PeriodStart { get; set; }

    public LocalDate PeriodEnd { get; set; }

    /// <summary>Null for an event-based obligation whose event date is not yet known.</summary>
    public LocalDate? StatutoryDueDate { get; set; }

    /// <summary>A government extension in force, beside the statutory date.</summary>
    public LocalDate? ExtendedDueDate { get; set; }

    public InstanceStatus Status { get; set; } = InstanceStatus.NotStarted;

    public bool IsOverdue { get; set; }

    public bool IsBlocked { get; set; }

    public string? BlockedReason { get; set; }

    public Rag Rag { get; set; } = Rag.None;

    public Guid? OwnerUserId { get; set; }

    public Guid? ApproverUserId { get; set; }

    /// <summary>ARN, SRN or challan CIN of the filing.</summary>
    public string? FilingReference { get; set; }

    public Instant? FiledAt { get; set; }

    /// <summary>
    /// Incremented only by user commands (never by generation, recompute or reminders); a card carries the version it
    /// was rendered from and a command with an older version is refused as stale. Also the optimistic-concurrency token.
    /// </summary>
    public int Version { get; set; } = 1;

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }

    public LocalDate? DueDateInForce => ExtendedDueDate ?? StatutoryDueDate;
}
