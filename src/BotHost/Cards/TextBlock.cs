namespace ComplianceOs.BotHost.Cards;

/// <summary>A paragraph of plain text, wrapped to the card width.</summary>
/// <param name="Text">The text as the user should read it; renderers escape it.</param>
/// <param name="Emphasis">Show the text bold.</param>
/// <param name="Subtle">Show the text de-emphasised (for hints and metadata).</param>
public sealed record TextBlock(string Text, bool Emphasis = false, bool Subtle = false) : CardBlock;
