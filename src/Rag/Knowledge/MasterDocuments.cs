using System.Text;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Rag.Ingestion;

namespace ComplianceOs.Rag.Knowledge;

/// <summary>
/// A compliance master in words, as the assistant reads it: one section each for the rule, who it applies to,
/// penalties and late fees, evidence and checklist, and the legal basis with its sources — so a question about the
/// late fee on GSTR-3B retrieves the passage about exactly that, cited to the master and its source.
/// </summary>
public static class MasterDocuments
{
    public static string SourceKeyOf(ComplianceMaster master) => "master:" + master.Code;

    public static IngestDocument From(ComplianceMaster master)
    {
        var title = $"{master.Code} — {master.Name}";
        var md = new StringBuilder();
        md.Append("# ").AppendLine(title).AppendLine();
        Section(md, "Rule and due date", $"{master.RuleText}\n\nFrequency: {master.Frequency}. Authority: {master.Authority}. Category: {master.Category}.");
        Section(md, "Who it applies to", Applicability(master) + ApplicabilitySentences(master.RuleText));
        Section(md, "Penalties and late fees", master.PenaltyText ?? string.Empty);
        Section(md, "Evidence", Join("Evidence to keep", master.EvidenceKinds) + Join("Checklist", master.Checklist));
        Section(md, "Legal basis and sources", string.Join("\n\n", new[] { master.LegalBasis, master.Sources.Count == 0 ? null : "Sources: " + string.Join("; ", master.Sources) }.Where(t => !string.IsNullOrWhiteSpace(t))));
        if (!string.IsNullOrWhiteSpace(master.ConfidenceNote))
        {
            Section(md, "Confidence", $"{master.Confidence}: {master.ConfidenceNote}");
        }

        return new IngestDocument(master.TenantId, SourceKeyOf(master), title, KnowledgeKind.Master, master.Sources.FirstOrDefault(s => s.StartsWith("http", StringComparison.OrdinalIgnoreCase)), Chunker.Chunk(md.ToString()));
    }

    /// <summary>The rule's own words on who files and who does not ("Applies where AATO was ≤ Rs 5 crore …").</summary>
    private static string ApplicabilitySentences(string ruleText)
    {
        var sentences = Answering.SentenceSplitter.Split(ruleText)
            .Where(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"\b(appl(y|ies|icable)|mandatory|not filed by|exempt|turnover|AATO|threshold|opt(ed|s)?|eligib|every|only (for|where|when)|required)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            .ToList();
        return sentences.Count == 0 ? string.Empty : " " + string.Join(" ", sentences);
    }

    private static void Section(StringBuilder md, string heading, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            md.Append("## ").AppendLine(heading).AppendLine().AppendLine(text.Trim()).AppendLine();
        }
    }

    private static string Join(string label, IReadOnlyCollection<string> items) =>
        items.Count == 0 ? string.Empty : $"{label}: {string.Join("; ", items)}.\n\n";

    private static string Applicability(ComplianceMaster master)
    {
        var a = Domain.Rules.Applicability.Parse(master.Applicability, "applicability", new Domain.Common.Validation());
        if (a is null || a == Domain.Rules.Applicability.Always || (a.EntityKinds is null && a.GstRegime is null && a.Requires.Count == 0 && a.ProfessionalTaxState is null && a.MinTurnoverCrore is null))
        {
            return "Applies to every legal entity.";
        }

        var parts = new List<string>();
        if (a.EntityKinds is { Count: > 0 } kinds)
        {
            parts.Add("the entity is " + string.Join(" or ", kinds.Select(Kind)));
        }

        if (a.GstRegime is { } regime)
        {
            parts.Add(regime == Domain.Entities.GstRegime.Qrmp ? "its GSTIN files under QRMP (quarterly returns, monthly payment)" : "its GSTIN files monthly (not under QRMP)");
        }

        parts.AddRange(a.Requires.Select(r => r switch
        {
            "gst" => "it is registered for GST",
            "tan" => "it has a TAN (it deducts tax at source)",
            "pf" => "EPF applies to it",
            "esi" => "ESI applies to it",
            "taxAudit" => "its accounts need a tax audit",
            "transferPricing" => "it has international or specified domestic transactions (transfer pricing)",
            "depositsOrLoans" => "it has deposits or outstanding loans that are not deposits",
            "msmePayables" => "it owes MSME suppliers for more than 45 days",
            _ => r,
        }));
        if (a.ProfessionalTaxState is { } state)
        {
            parts.Add($"it is registered for professional tax in state {state}");
        }

        if (a.MinTurnoverCrore is { } turnover)
        {
            parts.Add($"its turnover exceeds Rs {turnover} crore");
        }

        return "Applies when " + string.Join("; and ", parts) + ".";
    }

    private static string Kind(Domain.Entities.EntityKind kind) => kind switch
    {
        Domain.Entities.EntityKind.PrivateLimited => "a private limited company",
        Domain.Entities.EntityKind.PublicLimited => "a public limited company",
        Domain.Entities.EntityKind.Llp => "an LLP",
        Domain.Entities.EntityKind.Partnership => "a partnership firm",
        _ => "a proprietorship",
    };
}
