namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>The granularity of a period named in a message.</summary>
public enum PeriodKind
{
    Month,
    Quarter,
    HalfYear,
    FinancialYear,
}
