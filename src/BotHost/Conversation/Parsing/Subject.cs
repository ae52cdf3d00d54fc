using NodaTime;

namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>What a message is about: the obligations and period it names, and which words those readings used.</summary>
internal sealed record Subject(IReadOnlyList<string> Codes, PeriodRef? Period, bool[] Used)
{
    public static Subject Read(MessageText text, int first, (Intent Intent, int At, int Words)? phrase, Func<Token, bool> excluded, LocalDate today)
    {
        var used = new bool[text.Tokens.Count];
        for (var i = 0; i < used.Length; i++)
        {
            used[i] = i < first || excluded(text.Tokens[i]) || (phrase is { } p && i >= p.At && i < p.At + p.Words);
        }

        var codes = ObligationReader.Read(text, used);
        var period = PeriodReader.Read(text, used, today);
        return new Subject(codes, period, used);
    }
}
