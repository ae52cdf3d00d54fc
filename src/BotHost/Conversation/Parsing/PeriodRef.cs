namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>
/// A period as typed, resolved against today into the canonical keys used by the product:
/// Month → <c>2025-03</c>; Quarter → <c>FY2024-25-Q4</c>; HalfYear → <c>FY2024-25-H1</c>; FinancialYear → <c>FY2024-25</c>.
/// </summary>
/// <param name="Kind">Month, quarter, half-year or financial year.</param>
/// <param name="Key">The canonical period key.</param>
public sealed record PeriodRef(PeriodKind Kind, string Key);
