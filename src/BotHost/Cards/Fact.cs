namespace ComplianceOs.BotHost.Cards;

/// <summary>One label/value pair of a <see cref="FactList"/>; both are plain text.</summary>
public sealed record Fact(string Label, string Value);
