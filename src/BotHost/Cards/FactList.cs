namespace ComplianceOs.BotHost.Cards;

/// <summary>Label/value pairs, such as "Due: 2026-07-15", in the given order.</summary>
public sealed record FactList(IReadOnlyList<Fact> Facts) : CardBlock;
