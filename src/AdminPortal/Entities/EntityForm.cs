using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Entities.CreateLegalEntity;
using ComplianceOs.Domain.Entities.UpdateLegalEntity;

namespace ComplianceOs.AdminPortal.Entities;

/// <summary>
/// A legal entity as its form posts it. Everything is text or nullable, so what a person typed reaches the domain's
/// rules (which name the field) rather than being refused by the model binder with a message of its own.
/// </summary>
public sealed class EntityForm
{
    public const string Prefix = "Form";

    // The form's row of each GSTIN the command carries: blank rows are skipped, so indexes differ.
    private List<int> _gstinRows = [];

    public string? Name { get; set; }

    public string? Kind { get; set; } = nameof(EntityKind.PrivateLimited);

    public string? State { get; set; }

    public string? Pan { get; set; }

    public string? Cin { get; set; }

    public string? Llpin { get; set; }

    public string? Tan { get; set; }

    public List<GstinRow> Gstins { get; set; } = [];

    public bool PfApplicable { get; set; }

    public bool EsiApplicable { get; set; }

    public List<string> ProfessionalTaxStates { get; set; } = [];

    public bool TaxAuditApplicable { get; set; }

    public bool TransferPricingApplicable { get; set; }

    public bool HasDepositsOrOutstandingLoans { get; set; }

    public bool HasMsmePayables { get; set; }

    public decimal? AnnualTurnoverCrore { get; set; }

    public int FinancialYearEndMonth { get; set; } = 3;

    public Guid? EscalationContactUserId { get; set; }

    public Guid? DirectorUserId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>What the entity was when the form was filled (edits only); see <see cref="UpdateLegalEntityHandler.StampOf"/>.</summary>
    public string? Stamp { get; set; }

    public static EntityForm From(LegalEntity e) => new()
    {
        Name = e.Name,
        Kind = e.Kind.ToString(),
        State = e.StateCode,
        Pan = e.Pan,
        Cin = e.Cin,
        Llpin = e.Llpin,
        Tan = e.Tan,
        Gstins = [.. e.GstRegistrations.OrderBy(g => g.Gstin, StringComparer.Ordinal).Select(g => new GstinRow { Gstin = g.Gstin, Regime = g.Regime.ToString() })],
        PfApplicable = e.PfApplicable,
        EsiApplicable = e.EsiApplicable,
        ProfessionalTaxStates = [.. e.ProfessionalTaxStates],
        TaxAuditApplicable = e.TaxAuditApplicable,
        TransferPricingApplicable = e.TransferPricingApplicable,
        HasDepositsOrOutstandingLoans = e.HasDepositsOrOutstandingLoans,
        HasMsmePayables = e.HasMsmePayables,
        AnnualTurnoverCrore = e.AnnualTurnoverCrore,
        FinancialYearEndMonth = e.FinancialYearEndMonth,
        EscalationContactUserId = e.EscalationContactUserId,
        DirectorUserId = e.DirectorUserId,
        IsActive = e.IsActive,
        Stamp = UpdateLegalEntityHandler.StampOf(e),
    };

    /// <summary>The people the form refers to, which must be of the admin's own tenant.</summary>
    public IEnumerable<Guid> PeopleNamed() =>
        new[] { EscalationContactUserId, DirectorUserId }.Where(id => id is not null).Select(id => id!.Value);

    public CreateLegalEntityCommand ToCommand()
    {
        _gstinRows = [.. Gstins.Select((row, i) => (row, i)).Where(x => !string.IsNullOrWhiteSpace(x.row.Gstin)).Select(x => x.i)];
        return new CreateLegalEntityCommand(
            Name ?? string.Empty,
            Kind ?? string.Empty,
            State ?? string.Empty,
            Pan ?? string.Empty,
            Cin,
            Llpin,
            Tan,
            [.. _gstinRows.Select(i => new GstinInput(Gstins[i].Gstin!, Gstins[i].Regime ?? string.Empty))],
            PfApplicable,
            EsiApplicable,
            ProfessionalTaxStates,
            TaxAuditApplicable,
            TransferPricingApplicable,
            HasDepositsOrOutstandingLoans,
            HasMsmePayables,
            AnnualTurnoverCrore,
            FinancialYearEndMonth,
            EscalationContactUserId,
            DirectorUserId);
    }

    /// <summary>Room for one more GSTIN (two rows at least), without JavaScript to add rows.</summary>
    public void PadGstinRows()
    {
        while (Gstins.Count < 2 || !string.IsNullOrWhiteSpace(Gstins[^1].Gstin))
        {
            Gstins.Add(new GstinRow());
        }
    }

    /// <summary>The ModelState key of a command's field (after <see cref="ToCommand"/>); null puts it above the form.</summary>
    public string? KeyOf(string field)
    {
        if (field.StartsWith("gstins[", StringComparison.Ordinal))
        {
            var close = field.IndexOf(']', StringComparison.Ordinal);
            var row = int.TryParse(field[7..close], out var i) && i < _gstinRows.Count ? _gstinRows[i] : -1;
            var part = field[(close + 1)..] == ".regime" ? nameof(GstinRow.Regime) : nameof(GstinRow.Gstin);
            return row < 0 ? $"{Prefix}.{nameof(Gstins)}" : $"{Prefix}.{nameof(Gstins)}[{row}].{part}";
        }

        return field switch
        {
            "gstins" => $"{Prefix}.{nameof(Gstins)}",
            _ when field.StartsWith("professionalTaxStates", StringComparison.Ordinal) => $"{Prefix}.{nameof(ProfessionalTaxStates)}",
            "name" => $"{Prefix}.{nameof(Name)}",
            "kind" => $"{Prefix}.{nameof(Kind)}",
            "state" => $"{Prefix}.{nameof(State)}",
            "pan" => $"{Prefix}.{nameof(Pan)}",
            "cin" => $"{Prefix}.{nameof(Cin)}",
            "llpin" => $"{Prefix}.{nameof(Llpin)}",
            "tan" => $"{Prefix}.{nameof(Tan)}",
            "annualTurnoverCrore" => $"{Prefix}.{nameof(AnnualTurnoverCrore)}",
            "financialYearEndMonth" => $"{Prefix}.{nameof(FinancialYearEndMonth)}",
            "escalationContactUserId" => $"{Prefix}.{nameof(EscalationContactUserId)}",
            "directorUserId" => $"{Prefix}.{nameof(DirectorUserId)}",
            _ => null,
        };
    }
}

public sealed class GstinRow
{
    public string? Gstin { get; set; }

    public string? Regime { get; set; } = nameof(GstRegime.Monthly);
}
