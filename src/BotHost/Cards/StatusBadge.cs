namespace ComplianceOs.BotHost.Cards;

/// <summary>A short status such as "Overdue" shown in the colour of its <see cref="StatusTone"/>.</summary>
/// <param name="Tone">The colour meaning; the text must still make sense without colour.</param>
/// <param name="Text">The status in words.</param>
public sealed record StatusBadge(StatusTone Tone, string Text) : CardBlock;
