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

    /// <summary>Blocked by hand or waiting on a dependency; kept by recompute.</summary>
    public bool IsBlocked { get; set; }

    /// <summary>Why it is blocked: the hand-entered reason, else the dependencies it waits for.</summary>
    public string? BlockedReason { get; set; }

    /// <summary>The reason given by the person who blocked it; null when not blocked by hand.</summary>
    public string? ManualBlockReason { get; set; }

    /// <summary>For an event-based obligation without a due date yet: the event it waits for (e.g. "agm").</summary>
    public string? AwaitingEvent { get; set; }

    /// <summary>Advance-tax style instalments: the cumulative share of the year's liability due by this instalment.</summary>
    public int? CumulativePercent { get; set; }

    /// <summary>The notification that extended the due date (e.g. "Notification 17/2025-CT").</summary>
    public string? ExtensionReference { get; set; }

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
