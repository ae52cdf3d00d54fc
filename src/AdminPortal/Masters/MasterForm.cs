using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Masters.SaveCustomMaster;

namespace ComplianceOs.AdminPortal.Masters;

/// <summary>
/// The rule editor's fields, as typed. Lists are typed one per line (or comma-separated codes and steps); every rule
/// is left to <see cref="SaveCustomMasterHandler"/> and the preview, which name each problem by its field.
/// </summary>
public sealed class MasterForm
{
    public const string NewRule = """
        {
          "variants": [
            { "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 15 } }
          ]
        }
        """;

    public static readonly IReadOnlyList<string> Properties = typeof(MasterForm).GetProperties().Select(p => p.Name).ToList();

    /// <summary>The tenant's own master being edited; null when adding one (or overriding a global one).</summary>
    public Guid? Id { get; set; }

    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Category { get; set; } = nameof(ComplianceCategory.Other);

    public string? Authority { get; set; }

    public string? Frequency { get; set; } = nameof(ComplianceFrequency.Monthly);

    public string? RuleText { get; set; }

    public string? DueDateRule { get; set; } = NewRule;

    public string? Applicability { get; set; } = "{}";

    public string? DependsOn { get; set; }

    public string? WorkflowSteps { get; set; } = "Prepare, Review, File";

    public string? EvidenceKinds { get; set; }

    public string? Checklist { get; set; }

    public string? PenaltyText { get; set; }

    public string? LateFeeRule { get; set; }

    public string? LegalBasis { get; set; }

    public string? Sources { get; set; }

    public string? Confidence { get; set; } = nameof(RuleConfidence.Medium);

    public string? ConfidenceNote { get; set; }

    /// <summary>The form of an existing master: its own (to edit) or a global one (to override under the same code).</summary>
    public static MasterForm Of(ComplianceMaster m, bool edit) => new()
    {
        Id = edit ? m.Id : null,
        Code = m.Code,
        Name = m.Name,
        Category = m.Category.ToString(),
        Authority = m.Authority,
        Frequency = m.Frequency.ToString(),
        RuleText = m.RuleText,
        DueDateRule = JsonLayout.Indent(m.DueDateRule),
        Applicability = JsonLayout.Indent(m.Applicability),
        DependsOn = string.Join(", ", m.DependsOn),
        WorkflowSteps = string.Join(", ", m.WorkflowSteps),
        EvidenceKinds = string.Join(", ", m.EvidenceKinds),
        Checklist = string.Join('\n', m.Checklist),
        PenaltyText = m.PenaltyText,
        LateFeeRule = JsonLayout.Indent(m.LateFeeRule),
        LegalBasis = m.LegalBasis,
        Sources = string.Join('\n', m.Sources),
        Confidence = m.Confidence.ToString(),
        ConfidenceNote = m.ConfidenceNote,
    };

    public SaveCustomMasterCommand ToCommand() => new(
        Code ?? string.Empty,
        Name ?? string.Empty,
        Category ?? string.Empty,
        Authority ?? string.Empty,
        Frequency ?? string.Empty,
        RuleText ?? string.Empty,
        DueDateRule ?? string.Empty,
        Blank(Applicability),
        Split(DependsOn, ','),
        Split(WorkflowSteps, ','),
        Split(EvidenceKinds, ','),
        Blank(PenaltyText),
        Blank(LegalBasis),
        Split(Sources, '\n'),
        Confidence ?? string.Empty,
        Blank(ConfidenceNote),
        Split(Checklist, '\n'),
        Blank(LateFeeRule));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static List<string> Split(string? text, char separator) =>
        (text ?? string.Empty).Split(separator == ',' ? [',', '\n'] : ['\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
