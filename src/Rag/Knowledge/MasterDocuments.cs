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
        Section(md, "Who it applies to", Applicability(master));
        Section(md, "Penalties and late fees", string.Join("\n\n", new[] { master.PenaltyText, master.LateFeeRule is null ? null : "Late fee rule: " + master.LateFeeRule }.Where(t => !string.IsNullOrWhiteSpace(t))));
        Section(md, "Evidence", Join("Evidence to keep", master.EvidenceKinds) + Join("Checklist", master.Checklist));
        Section(md, "Legal basis and sources", string.Join("\n\n", new[] { master.LegalBasis, master.Sources.Count == 0 ? null : "Sources: " + string.Join("; ", master.Sources) }.Where(t => !string.IsNullOrWhiteSpace(t))));
        if (!string.IsNullOrWhiteSpace(master.ConfidenceNote))
        {
            Section(md, "Confidence", $"{master.Confidence}: {master.ConfidenceNote}");
        }

        return new IngestDocument(master.TenantId, SourceKeyOf(master), title, KnowledgeKind.Master, master.Sources.FirstOrDefault(s => s.StartsWith("http", StringComparison.OrdinalIgnoreCase)), Chunker.Chunk(md.ToString()));
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

    private static string Applicability(ComplianceMaster master) =>
        master.Applicability is "{}" or "" ? "Applies to every legal entity." : "Applies when: " + master.Applicability;
}
