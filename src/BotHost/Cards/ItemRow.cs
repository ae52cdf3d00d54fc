namespace ComplianceOs.BotHost.Cards;

/// <summary>One row of an <see cref="ItemList"/>, such as a task, with its own buttons.</summary>
/// <param name="Title">The row's main text.</param>
/// <param name="Subtitle">Optional secondary text (due date, status); null shows none.</param>
/// <param name="Actions">Buttons acting on this row only, usually carrying the row's id in their data.</param>
public sealed record ItemRow(string Title, string? Subtitle, IReadOnlyList<CardAction> Actions);
