using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Dashboard;
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
        // The same figures as the admin portal's control tower.
        var figures = await ControlTowerFigures.LoadAsync(db, AccessGuard.VisibleEntityIds(db, user.Id), today, ct);

        var blocks = new List<CardBlock>();
        var counts = figures.ByEntity.Select(c => new Fact(c.Label, $"Red {c.Red} · Amber {c.Amber} · Green {c.Green}")).ToList();
        blocks.Add(new Section("Open obligations by RAG", [counts.Count == 0 ? new TextBlock("Nothing open.") : new FactList(counts)]));

        var overdue = figures.Overdue;
        blocks.Add(new Section($"Overdue ({overdue.Count})", overdue.Count == 0
            ? [new TextBlock("Nothing overdue.")]
            : [
                new FactList([
                    new Fact("Late fees so far", LateFeeCalculator.Rupees(figures.LateFeesSoFar)),
                    .. figures.InterestOnly > 0 ? [new Fact("Plus interest on", $"{figures.InterestOnly} item{(figures.InterestOnly == 1 ? string.Empty : "s")} charged on amounts Compliance OS does not hold")] : Array.Empty<Fact>(),
                ]),
                new ItemList(overdue.Take(ListLimit).Select(o => new ItemRow(
                    $"{o.Obligation.Entity} — {o.Obligation.Name} {o.Obligation.PeriodKey}",
                    $"{o.Fee.DaysLate} days late (due {LocalDatePattern.Iso.Format(o.Obligation.Due!.Value)}) · "
                        + (o.Fee.Amount is { } fee ? $"late fee so far {LateFeeCalculator.Rupees(fee)}" : Short(o.Obligation.PenaltyText)),
                    [ObligationCards.DetailsAction(o.Obligation.Id)])).ToList()),
            ]));

        var soon = figures.DueSoon;
        blocks.Add(new Section($"Due in the next 7 days ({soon.Count})", soon.Count == 0
            ? [new TextBlock("Nothing due in the next 7 days.")]
            : [new ItemList(soon.Take(ListLimit).Select(r => new ItemRow(
                $"{r.Entity} — {r.Name} {r.PeriodKey}",
                $"due {LocalDatePattern.Iso.Format(r.Due!.Value)} · {r.Rag}",
                [ObligationCards.DetailsAction(r.Id)])).ToList())]));

        return new Card(blocks) { Title = "Compliance dashboard", Subtitle = $"{identity.TenantName} · {LocalDatePattern.Iso.Format(today)}" };
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
