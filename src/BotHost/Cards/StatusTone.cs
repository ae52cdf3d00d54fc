namespace ComplianceOs.BotHost.Cards;

/// <summary>How a status reads at a glance (the RAG colour), independent of any channel's palette.</summary>
public enum StatusTone
{
    /// <summary>No judgement; rendered in the default text colour.</summary>
    Neutral = 0,

    /// <summary>On track or done (green).</summary>
    Good,

    /// <summary>Needs attention soon (amber).</summary>
    Warning,

    /// <summary>Overdue or failed (red).</summary>
    Attention,
}
