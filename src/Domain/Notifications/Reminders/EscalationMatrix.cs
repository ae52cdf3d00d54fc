namespace ComplianceOs.Domain.Notifications.Reminders;

/// <summary>Who a reminder stage goes to.</summary>
public enum StageRecipient
{
    Owner,
    Approver,
    EscalationContact,
    Director,
}

/// <param name="Stage">The outbox's stage name, e.g. <c>T-3</c>, <c>due</c>, <c>+3</c>.</param>
/// <param name="DaysFromDue">Negative before the due date in force, 0 on it, positive after.</param>
public sealed record EscalationStage(string Stage, int DaysFromDue, IReadOnlyList<StageRecipient> To);

/// <summary>
/// The reminder and escalation stages. A stage is due from its day until the next stage's day, so a sweep that
/// missed a day still sends the stage in force — and only that one, not a burst of the ones it missed.
/// </summary>
public static class EscalationMatrix
{
    public static readonly IReadOnlyList<EscalationStage> Default =
    [
        new("T-3", -3, [StageRecipient.Owner]),
        new("due", 0, [StageRecipient.Owner, StageRecipient.Approver]),
        new("+1", 1, [StageRecipient.Owner, StageRecipient.Approver]),
        new("+3", 3, [StageRecipient.EscalationContact]),
        new("+7", 7, [StageRecipient.Director]),
    ];

    /// <summary>The cycle of a reminder: the due date in force, so an extension (a new date) is reminded afresh.</summary>
    public static string Cycle(NodaTime.LocalDate due) => $"due:{due:uuuu-MM-dd}";
}
