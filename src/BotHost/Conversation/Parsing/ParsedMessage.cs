namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>A free-text message read into what the bot needs to act on it; nothing here is resolved against the database yet.</summary>
/// <param name="Intent">What the person wants.</param>
/// <param name="ObligationCodes">Candidate master codes, most likely first; empty when none was named.</param>
/// <param name="Period">The period named, resolved against today; null when none was named.</param>
/// <param name="EntityHint">Words naming an entity (e.g. <c>LLP</c>, <c>Acme Services</c>), resolved later against the person's entities.</param>
/// <param name="Argument">Reject/block reason, comment text, filing reference, person to reassign to, or the question text.</param>
public sealed record ParsedMessage(
    Intent Intent,
    IReadOnlyList<string> ObligationCodes,
    PeriodRef? Period,
    string? EntityHint,
    string? Argument);
