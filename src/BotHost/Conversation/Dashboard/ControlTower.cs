using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Masters.LateFees;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.BotHost.Conversation.Dashboard;

// ComplianceOs.Rag (the assistant) is a namespace too; here Rag is the traffic-light status.
using Rag = ComplianceOs.Domain.Instances.Rag;

/// <summary>
/// The control tower for approvers and admins: open obligations by RAG per entity, the overdue list with days late
/// and the penalty that applies, and what falls due in the next 7 days — over the entities the person may see.
/// </summary>
public sealed class ControlTower(ComplianceDbFactory dbs)
{
    private const int ListLimit = 10;

    public async Task<Card> BuildAsync(ResolvedIdentity identity, LocalDate today, CancellationToken ct)
    {
        var user = identity.User!;
        if (!user.HasRole(UserRole.Approver) && !user.HasRole(UserRole.Admin))
        {
            return new Card([new TextBlock("The dashboard is for approvers and admins. Type \"my tasks\" for your own list.")]) { Title = "Dashboard" };
        }

        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var visible = AccessGuard.VisibleEntityIds(db, user.Id);
        var open = await (from i in db.ComplianceInstances
                          join m in db.ComplianceMasters on i.MasterId equals m.Id
                          join e in db.LegalEntities on i.EntityId equals e.Id
                          where visible.Contains(i.EntityId) && i.Status != InstanceStatus.Filed
                          select new { i.Id, Entity = e.Name, m.Code, m.Name, m.PenaltyText, m.LateFeeRule, e.AnnualTurnoverCrore, i.PeriodKey, i.Rag, i.IsOverdue, Due = i.ExtendedDueDate ?? i.StatutoryDueDate })
            .ToListAsync(ct);

        var blocks = new List<CardBlock>();
        var counts = open.GroupBy(r => r.Entity).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Fact(g.Key, $"Red {g.Count(r => r.Rag == Rag.Red)} · Amber {g.Count(r => r.Rag == Rag.Amber)} · Green {g.Count(r => r.Rag == Rag.Green)}"))
            .ToList();
        blocks.Add(new Section("Open obligations by RAG", [counts.Count == 0 ? new TextBlock("Nothing open.") : new FactList(counts)]));

        var rules = new Dictionary<string, LateFeeRule?>(StringComparer.Ordinal);
        var overdue = open.Where(r => r.IsOverdue && r.Due is not null).OrderBy(r => r.Due)
            .Select(r => (Row: r, Fee: LateFeeCalculator.Compute(RuleOf(rules, r.LateFeeRule), r.Due!.Value, today, r.AnnualTurnoverCrore)))
            .ToList();
        var exposure = overdue.Sum(o => o.Fee.Amount ?? 0m);
        var interestOnly = overdue.Count(o => o.Fee.Amount is null);
        blocks.Add(new Section($"Overdue ({overdue.Count})", overdue.Count == 0
            ? [new TextBlock("Nothing overdue.")]
            : [
                new FactList([
                    new Fact("Late fees so far", LateFeeCalculator.Rupees(exposure)),
                    .. interestOnly > 0 ? [new Fact("Plus interest on", $"{interestOnly} item{(interestOnly == 1 ? string.Empty : "s")} charged on amounts Compliance OS does not hold")] : Array.Empty<Fact>(),
                ]),
                new ItemList(overdue.Take(ListLimit).Select(o => new ItemRow(
                    $"{o.Row.Entity} — {o.Row.Name} {o.Row.PeriodKey}",
                    $"{o.Fee.DaysLate} days late (due {LocalDatePattern.Iso.Format(o.Row.Due!.Value)}) · "
                        + (o.Fee.Amount is { } fee ? $"late fee so far {LateFeeCalculator.Rupees(fee)}" : Short(o.Row.PenaltyText)),
                    [ObligationCards.DetailsAction(o.Row.Id)])).ToList()),
            ]));

        var soon = open.Where(r => r.Due is { } d && d >= today && d <= today.PlusDays(7)).OrderBy(r => r.Due).ToList();
        blocks.Add(new Section($"Due in the next 7 days ({soon.Count})", soon.Count == 0
            ? [new TextBlock("Nothing due in the next 7 days.")]
            : [new ItemList(soon.Take(ListLimit).Select(r => new ItemRow(
                $"{r.Entity} — {r.Name} {r.PeriodKey}",
                $"due {LocalDatePattern.Iso.Format(r.Due!.Value)} · {r.Rag}",
                [ObligationCards.DetailsAction(r.Id)])).ToList())]));

        return new Card(blocks) { Title = "Compliance dashboard", Subtitle = $"{identity.TenantName} · {LocalDatePattern.Iso.Format(today)}" };
    }

    private static LateFeeRule? RuleOf(Dictionary<string, LateFeeRule?> cache, string? json)
    {
        if (json is null)
        {
            return null;
        }

        if (!cache.TryGetValue(json, out var rule))
        {
            // Stored rules were validated on save; one that no longer parses counts as "no fixed fee" rather than failing the card.
            rule = LateFeeRuleParser.Parse(json, new Domain.Common.Validation(), "lateFeeRule");
            cache[json] = rule;
        }

        return rule;
    }

    /// <summary>The first sentence of the master's penalty text: what being late costs.</summary>
    private static string Short(string? penalty)
    {
        if (string.IsNullOrWhiteSpace(penalty))
        {
            return "penalty: see the rule";
        }

        var end = penalty.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 && end < 160 ? penalty[..(end + 1)] : penalty.Length <= 160 ? penalty : penalty[..157] + "…";
    }
}
