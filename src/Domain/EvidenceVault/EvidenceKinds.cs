namespace ComplianceOs.Domain.EvidenceVault;

/// <summary>
/// The slots of an obligation's proof: the kinds its master asks for (GSTR-3B: <c>arn-acknowledgement</c>,
/// <c>ledger-debit-entries</c>, <c>challan</c>), plus working papers and "other" for everything else. A message
/// names a slot by its words ("ARN acknowledgement for gstr-3b march", "the challan"); when none or several fit
/// equally, the user is asked — never guessed for.
/// </summary>
public static class EvidenceKinds
{
    public const string WorkingPapers = "working-papers";
    public const string Other = "other";

    /// <summary>The master's slots, then the two every obligation has.</summary>
    public static IReadOnlyList<string> SlotsFor(IEnumerable<string> masterKinds) =>
        masterKinds.Concat([WorkingPapers, Other]).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The filing's own proof (an acknowledgement, receipt, SRN/ARN/TRRN, e-verification or status): it may still be
    /// added once the work is approved, and the approver verifies it from the Filed card. Everything else is working
    /// proof, approved with the review.
    /// </summary>
    public static bool IsFilingProof(string kind) =>
        kind.Split('-').Any(part => part is "acknowledgement" or "receipt" or "verification" or "srn" or "arn" or "prn" or "trrn" or "status");

    // What people type for the parts of slot names.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["ack"] = "acknowledgement",
        ["acknowledgment"] = "acknowledgement",
        ["acknowledgements"] = "acknowledgement",
        ["chalan"] = "challan",
        ["challans"] = "challan",
        ["workings"] = "working",
        ["workpaper"] = "working",
        ["workpapers"] = "working",
        ["paper"] = "papers",
        ["receipts"] = "receipt",
        ["minute"] = "minutes",
        ["pmt-06"] = "pmt06",
        ["mtr-6"] = "mtr6",
        ["everification"] = "verification",
    };

    /// <summary>The one slot of <paramref name="slots"/> the text names best, or null when it names none or several equally.</summary>
    public static string? Read(string? text, IReadOnlyList<string> slots)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var tokens = text.ToLowerInvariant()
            .Split([' ', ',', '.', ';', ':', '!', '?', '(', ')', '"', '\'', '\n', '\r', '\t', '/'], StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(t => t.Split('-').Append(t))
            .Select(t => Aliases.GetValueOrDefault(t, t))
            .ToHashSet(StringComparer.Ordinal);
        var scored = slots
            .Select(slot => (Slot: slot, Score: slot.Split('-').Count(part => tokens.Contains(part)), Exact: tokens.Contains(slot)))
            .Where(s => s.Score > 0 || s.Exact)
            .OrderByDescending(s => s.Exact).ThenByDescending(s => s.Score)
            .ToList();
        return scored.Count switch
        {
            0 => null,
            1 => scored[0].Slot,
            _ when scored[0].Exact && !scored[1].Exact => scored[0].Slot,
            _ when !scored[1].Exact && scored[0].Score > scored[1].Score => scored[0].Slot,
            _ => null,
        };
    }

    /// <summary>"arn-acknowledgement" → "ARN acknowledgement".</summary>
    public static string Label(string kind)
    {
        var words = kind.Split('-').Select(w => w.Length <= 4 && w.Any(char.IsDigit) || w is "arn" or "srn" or "prn" or "trrn" or "din" or "udin" or "ecr" or "itr" or "agm"
            ? w.ToUpperInvariant() : w).ToList();
        var text = string.Join(' ', words);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
