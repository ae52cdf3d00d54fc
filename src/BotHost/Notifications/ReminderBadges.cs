using ComplianceOs.BotHost.Cards;

namespace ComplianceOs.BotHost.Notifications;

/// <summary>What a reminder or escalation card says above the obligation's own status card, by stage.</summary>
public static class ReminderBadges
{
    /// <summary>The title prefix and badge for a reminder stage; null for stages that are not reminders.</summary>
    public static (string Title, StatusBadge Badge)? For(string stage) => stage switch
    {
        "T-3" => ("Reminder", new StatusBadge(StatusTone.Warning, "Due in 3 days")),
        "due" => ("Due today", new StatusBadge(StatusTone.Warning, "Due today: file or pay before the day ends")),
        "+1" => ("Overdue", new StatusBadge(StatusTone.Attention, "1 day late: late fees and interest are accruing")),
        "+3" => ("Escalation", new StatusBadge(StatusTone.Attention, "3 days late: escalated to you as the entity's escalation contact")),
        "+7" => ("Escalation", new StatusBadge(StatusTone.Attention, "7 days late: escalated to you as director")),
        _ => null,
    };

    /// <summary>A reminder card: the obligation's own card (details, its workflow buttons, comment, reassign) plus "Remind me tomorrow".</summary>
    public static Card WithActions(Card card, Guid notificationId) =>
        card with { Blocks = [.. card.Blocks, Conversation.Workflow.WorkflowButtons.ReminderActions(notificationId)] };
}
