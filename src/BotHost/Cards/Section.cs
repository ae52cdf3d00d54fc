namespace ComplianceOs.BotHost.Cards;

/// <summary>A heading followed by its own blocks, visually separated from what comes before.</summary>
/// <param name="Heading">The section heading as plain text.</param>
/// <param name="Blocks">The section's content; may be empty to render a heading alone.</param>
public sealed record Section(string Heading, IReadOnlyList<CardBlock> Blocks) : CardBlock;
