namespace ComplianceOs.BotHost.Cards;

/// <summary>Visual hint for a button. Channels may ignore it (Teams does), so never rely on colour alone.</summary>
public enum CardActionStyle
{
    /// <summary>An ordinary button.</summary>
    Default = 0,

    /// <summary>The primary, confirming choice.</summary>
    Positive,

    /// <summary>A choice that removes or rejects something.</summary>
    Destructive,
}
