using System.Globalization;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Entities.Identifiers;
using ComplianceOs.Domain.Masters;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ComplianceOs.AdminPortal.Entities;

/// <summary>How the entity pages name kinds, regimes, states and months, and the choices their selects offer.</summary>
public static class EntityLabels
{
    public static string Kind(EntityKind kind) => kind switch
    {
        EntityKind.PrivateLimited => "Private limited company",
        EntityKind.PublicLimited => "Public limited company",
        EntityKind.Llp => "LLP",
        EntityKind.Partnership => "Partnership firm",
        EntityKind.Proprietorship => "Proprietorship",
        _ => kind.ToString(),
    };

    public static string Regime(GstRegime regime) => regime == GstRegime.Qrmp ? "QRMP (quarterly returns)" : "Monthly";

    public static string State(string code) => $"{IndianStates.NameOf(code)} ({code})";

    public static string Month(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);

    public static string Category(ComplianceCategory category) => category switch
    {
        ComplianceCategory.Gst => "GST",
        ComplianceCategory.Tds => "TDS",
        ComplianceCategory.Tcs => "TCS",
        ComplianceCategory.IncomeTax => "Income tax",
        ComplianceCategory.Pf => "PF",
        ComplianceCategory.Esi => "ESI",
        ComplianceCategory.ProfessionalTax => "Professional tax",
        ComplianceCategory.Roc => "ROC",
        ComplianceCategory.Llp => "LLP",
        _ => "Other",
    };

    public static string Frequency(ComplianceFrequency frequency) => frequency switch
    {
        ComplianceFrequency.HalfYearly => "Half-yearly",
        ComplianceFrequency.EventBased => "Event-based",
        ComplianceFrequency.OneOff => "Once",
        _ => frequency.ToString(),
    };

    public static IEnumerable<SelectListItem> Kinds() => Enum.GetValues<EntityKind>().Select(k => new SelectListItem(Kind(k), k.ToString()));

    public static IEnumerable<SelectListItem> Regimes() => Enum.GetValues<GstRegime>().Select(r => new SelectListItem(Regime(r), r.ToString()));

    public static IEnumerable<SelectListItem> States() =>
        IndianStates.All.OrderBy(s => s.Value, StringComparer.Ordinal).Select(s => new SelectListItem($"{s.Value} ({s.Key})", s.Key));

    public static IEnumerable<SelectListItem> Months() => Enumerable.Range(1, 12).Select(m => new SelectListItem(Month(m), m.ToString(CultureInfo.InvariantCulture)));
}
