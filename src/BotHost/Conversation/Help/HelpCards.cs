using ComplianceOs.BotHost.Cards;

namespace ComplianceOs.BotHost.Conversation.Help;

/// <summary>The cards of the conversation that need no compliance data.</summary>
public sealed class HelpCards
{
    public Card Help(string? name) => new([
        new TextBlock("I track your statutory obligations — GST, TDS, income tax, PF, ESI, professional tax, ROC and LLP filings — from the rule to the proof."),
        new Section("Ask", [
            new FactList([
                new Fact("my tasks · overdue · due this week", "what is open for you, by entity"),
                new Fact("status gstr3b march", "one obligation in detail: dates, steps, evidence, late fee"),
                new Fact("history pf oct", "who did what on it"),
                new Fact("dashboard", "the control tower (approvers and admins)"),
            ]),
        ]),
        new Section("Do", [
            new FactList([
                new Fact("start · submit · approve", "e.g. \"submit 3b march\""),
                new Fact("reject … because …", "a reason is required"),
                new Fact("file … with arn …", "records the filing reference"),
                new Fact("block … because … · unblock", "and \"comment …\", \"reassign … to …\""),
            ]),
        ]),
        new TextBlock("The buttons on each card do the same. Type help for this card again.", Subtle: true),
    ])
    {
        Title = name is null ? "Compliance OS" : $"Hello {name}",
    };

    /// <summary>For a tenant or person we do not know: how to get access, and nothing else.</summary>
    public Card NoAccess() => new([
        new TextBlock("Compliance OS is not set up for you yet."),
        new TextBlock("Ask your organisation's Compliance OS admin to add you (with the email you use here), then say hi again.", Subtle: true),
    ])
    {
        Title = "No access yet",
    };
}
