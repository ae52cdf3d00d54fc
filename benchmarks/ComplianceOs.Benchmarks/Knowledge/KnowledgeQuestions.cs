namespace ComplianceOs.Benchmarks.Knowledge;

/// <summary>
/// Questions as people type them in chat: short, lower-case, abbreviated, sometimes misspelt. Forty templates, each
/// asked in several ways (a greeting, a period, a kind of entity, "pls"), deterministic for a given count.
/// </summary>
public static class KnowledgeQuestions
{
    private static readonly string[] Templates =
    [
        "late fee on 3b",
        "gstr3b late fee per day",
        "interest on late gst payment",
        "who signs form 16",
        "interest on late tds deposit",
        "mgt-7a due date small company",
        "dir-3 kyc last date",
        "what happens if din kyc not done",
        "aoc-4 late filing fee",
        "tds on rent 194i rate",
        "194j professional fees rate",
        "194q purchase of goods threshold",
        "due date for 24q q4",
        "26q late filing fee 234e",
        "itc not in 2b can i claim",
        "vendor not filed gstr1 itc",
        "rule 42 reversal exempt supplies",
        "180 days payment itc reversal rule 37",
        "blocked credit motor vehicle 17(5)",
        "tax audit due date 3cd",
        "penalty for not getting tax audit done",
        "pf due date ecr",
        "damages for late pf 14b",
        "esi contribution rate and due date",
        "professional tax maharashtra return",
        "msme-1 half yearly return due",
        "interest on delayed msme payments",
        "dpt-3 due date",
        "form 15ca 15cb when needed",
        "gstr-9 late fee annual return",
        "qrmp pmt-06 due date",
        "e invoice threshold turnover",
        "board meeting gap between two meetings",
        "agm due date within six months",
        "related party transaction approval sec 188",
        "caro 2020 applicable small company",
        "undisputed statutory dues caro 3(vii)",
        "40(a)(ia) disallowance tds not deducted",
        "llp form 11 and form 8 due dates",
        "tds on non resident payment 195",
    ];

    private static readonly (string Prefix, string Suffix)[] Variations =
    [
        (string.Empty, string.Empty),
        ("hi, ", "?"),
        ("quick q - ", " for fy 2025-26"),
        (string.Empty, " pls"),
        ("can you tell me ", " for our pvt ltd co"),
        ("urgent: ", " for march"),
        (string.Empty, " for an llp?"),
    ];

    /// <summary>Every template once, then again in the next variation, and so on until <paramref name="count"/>.</summary>
    public static IReadOnlyList<string> Take(int count)
    {
        var questions = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var template = Templates[i % Templates.Length];
            var (prefix, suffix) = Variations[(i / Templates.Length) % Variations.Length];
            var text = prefix + template + suffix;

            // Every third asked in capitals at the start, as a phone keyboard does.
            questions.Add(i % 3 == 2 ? char.ToUpperInvariant(text[0]) + text[1..] : text);
        }

        return questions;
    }

    public static int TemplateCount => Templates.Length;
}
