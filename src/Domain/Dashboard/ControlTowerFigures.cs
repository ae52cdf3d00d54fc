using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Masters.LateFees;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Dashboard;

/// <summary>An open (not yet filed) obligation as the control tower counts it.</summary>
public sealed record OpenObligation(
    Guid Id, Guid EntityId, string Entity, string Code, string Name, ComplianceCategory Category, string PeriodKey,
    InstanceStatus Status, Rag Rag, bool IsOverdue, LocalDate? Due, string? PenaltyText, string? LateFeeRule, decimal? AnnualTurnoverCrore);

/// <summary>Open obligations of one entity or category by traffic light.</summary>
public sealed record RagCount(string Label, int Red, int Amber, int Green)
{
    public int Total => Red + Amber + Green;
}

/// <summary>An overdue obligation and the late fee it has run up by the day asked about.</summary>
public sealed record OverdueItem(OpenObligation Obligation, LateFeeEstimate Fee);

/// <summary>
/// The control tower's numbers, computed once here so the bot's dashboard card and the admin portal show the same
/// ones: open obligations by RAG per entity and per category, the overdue list with its late fees, what falls due
/// in the next 7 days, and open obligations due per day for the next 90 (the heat map).
/// </summary>
public sealed record ControlTowerFigures(
    LocalDate Today,
    IReadOnlyList<OpenObligation> Open,
    IReadOnlyList<RagCount> ByEntity,
    IReadOnlyList<RagCount> ByCategory,
    IReadOnlyList<OverdueItem> Overdue,
    decimal LateFeesSoFar,
    int InterestOnly,
    IReadOnlyList<OpenObligation> DueSoon,
    IReadOnlyList<(LocalDate Day, int Due)> NextNinetyDays)
{
    public const int SoonDays = 7;
    public const int HeatMapDays = 90;

    /// <summary>Loads the figures for the entities in <paramref name="visibleEntityIds"/> (inside the caller's tenant-scoped transaction).</summary>
    public static async Task<ControlTowerFigures> LoadAsync(ComplianceDb db, IQueryable<Guid> visibleEntityIds, LocalDate today, CancellationToken ct)
    {
        var open = await (from i in db.ComplianceInstances
                          join m in db.ComplianceMasters on i.MasterId equals m.Id
                          join e in db.LegalEntities on i.EntityId equals e.Id
                          where visibleEntityIds.Contains(i.EntityId) && i.Status != InstanceStatus.Filed
                          select new OpenObligation(
                              i.Id, e.Id, e.Name, m.Code, m.Name, m.Category, i.PeriodKey, i.Status, i.Rag, i.IsOverdue,
                              i.ExtendedDueDate ?? i.StatutoryDueDate, m.PenaltyText, m.LateFeeRule, e.AnnualTurnoverCrore))
            .ToListAsync(ct);
        return From(open, today);
    }

    /// <summary>The figures of rows already loaded.</summary>
    public static ControlTowerFigures From(IReadOnlyList<OpenObligation> open, LocalDate today)
    {
        static RagCount Count(string label, IEnumerable<OpenObligation> rows)
        {
            var list = rows.ToList();
            return new RagCount(label, list.Count(r => r.Rag == Rag.Red), list.Count(r => r.Rag == Rag.Amber), list.Count(r => r.Rag == Rag.Green));
        }

        var byEntity = open.GroupBy(r => r.Entity).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Count(g.Key, g)).ToList();
        var byCategory = open.GroupBy(r => r.Category).OrderBy(g => g.Key).Select(g => Count(CategoryLabel(g.Key), g)).ToList();

        var rules = new Dictionary<string, LateFeeRule?>(StringComparer.Ordinal);
        var overdue = open.Where(r => r.IsOverdue && r.Due is not null).OrderBy(r => r.Due)
            .Select(r => new OverdueItem(r, LateFeeCalculator.Compute(RuleOf(rules, r.LateFeeRule), r.Due!.Value, today, r.AnnualTurnoverCrore)))
            .ToList();
        var soon = open.Where(r => r.Due is { } d && d >= today && d <= today.PlusDays(SoonDays)).OrderBy(r => r.Due).ToList();
        var perDay = open.Where(r => r.Due is { } d && d >= today && d < today.PlusDays(HeatMapDays))
            .GroupBy(r => r.Due!.Value).ToDictionary(g => g.Key, g => g.Count());
        var days = Enumerable.Range(0, HeatMapDays).Select(n => today.PlusDays(n)).Select(d => (d, perDay.GetValueOrDefault(d))).ToList();
        return new ControlTowerFigures(
            today, open, byEntity, byCategory, overdue, overdue.Sum(o => o.Fee.Amount ?? 0m), overdue.Count(o => o.Fee.Amount is null), soon, days);
    }

    public static string CategoryLabel(ComplianceCategory c) => c switch
    {
        ComplianceCategory.Gst => "GST",
        ComplianceCategory.Tds => "TDS",
        ComplianceCategory.Tcs => "TCS",
        ComplianceCategory.IncomeTax => "Income tax",
        ComplianceCategory.Pf => "EPF",
        ComplianceCategory.Esi => "ESI",
        ComplianceCategory.ProfessionalTax => "Professional tax",
        ComplianceCategory.Roc => "ROC / MCA",
        ComplianceCategory.Llp => "LLP",
        _ => "Other",
    };

    private static LateFeeRule? RuleOf(Dictionary<string, LateFeeRule?> cache, string? json)
    {
        if (json is null)
        {
            return null;
        }

        if (!cache.TryGetValue(json, out var rule))
        {
            // Stored rules were validated on save; one that no longer parses counts as "no fixed fee" rather than failing the view.
            rule = LateFeeRuleParser.Parse(json, new Validation(), "lateFeeRule");
            cache[json] = rule;
        }

        return rule;
    }
}
