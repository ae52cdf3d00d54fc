namespace ComplianceOs.BotHost.Cards;

/// <summary>
/// Rows that each carry their own actions, such as "my tasks". To group rows (for example by
/// legal entity) put one <see cref="ItemList"/> in a <see cref="Section"/> per group.
/// </summary>
public sealed record ItemList(IReadOnlyList<ItemRow> Rows) : CardBlock;
