namespace ComplianceOs.BotHost.Cards;

/// <summary>What pressing an action does on the channel side.</summary>
public enum CardActionKind
{
    /// <summary>
    /// Changes state (approve, mark done). In Teams this is a Universal Action whose response
    /// can replace the card, so a second press sees the new state.
    /// </summary>
    Execute = 0,

    /// <summary>Plain submission (open a menu, show help); sent back as an ordinary message.</summary>
    Submit,
}
