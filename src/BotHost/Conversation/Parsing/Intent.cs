namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>What a person asked the bot to do, read from a free-text Teams or Slack message.</summary>
public enum Intent
{
    Greeting,
    Help,
    MyTasks,
    DueThisWeek,
    Overdue,
    Status,
    Start,
    Submit,
    Approve,
    Reject,
    File,
    Block,
    Unblock,
    Comment,
    Reassign,
    Dashboard,

    /// <summary>Admins: notifications that failed or are being retried, and why.</summary>
    Deliveries,
    History,
    Question,
    Unknown,
}
