using ComplianceOs.BotHost.Cards;

namespace ComplianceOs.BotHost.Teams;

/// <summary>The cards of the Teams conversation that need no compliance data.</summary>
public sealed class TeamsCards
{
    public Card Help(string? name) => new([
        new TextBlock("I track your statutory obligations — GST, TDS, income tax, PF, ESI, professional tax, ROC and LLP filings — from the rule to the proof."),
        new Section("Try", [
            new FactList([
                new Fact("my tasks", "what is open for you, by entity"),
                new Fact("status gstr3b 2025-03", "one obligation in detail (a month name works too)"),
                new Fact("help", "this card"),
            ]),
        ]),
    ])
    {
        Title = name is null ? "Compliance OS" : $"Hello {name}",
    };

    /// <summary>For a tenant or person we do not know: how to get access, and nothing else.</summary>
    public Card NoAccess() => new([
        new TextBlock("Compliance OS is not set up for you yet."),
        new TextBlock("Ask your organisation's Compliance OS admin to add you (with the email you use in Teams), then say hi again.", Subtle: true),
    ])
    {
        Title = "No access yet",
    };
}
