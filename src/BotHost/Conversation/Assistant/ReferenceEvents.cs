using System.Text.RegularExpressions;

namespace ComplianceOs.BotHost.Conversation.Assistant;

/// <summary>
/// An obligation named as the point a time limit runs from ("days after the AGM", "within 30 days of the AGM") is
/// the reference, not the subject: "roc annual return — how many days after agm?" asks about MGT-7's rule, and the
/// AGM's own rule (when the meeting is held) answers something else.
/// </summary>
public static partial class ReferenceEvents
{
    /// <summary>The codes without the ones only named as a reference, when something else is left.</summary>
    public static IReadOnlyList<string> Subjects(IReadOnlyList<string> codes, string text)
    {
        if (codes.Count < 2 || !codes.Contains("AGM") || !AfterAgm().IsMatch(text))
        {
            return codes;
        }

        return [.. codes.Where(c => c != "AGM")];
    }

    [GeneratedRegex(@"\b(after|from|of|since|before|following)\s+(the\s+|our\s+|an?\s+)?(agm|annual\s+general\s+meeting)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AfterAgm();
}
