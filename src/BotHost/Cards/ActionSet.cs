namespace ComplianceOs.BotHost.Cards;

/// <summary>A row of buttons at this point of the card.</summary>
public sealed record ActionSet(IReadOnlyList<CardAction> Actions) : CardBlock;
