using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Notifications.Digests;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.BotHost.Notifications.Digests;

/// <summary>
/// The daily digest and the weekly calendar as cards, drawn up when they are delivered (what is true then, for the
/// day the outbox row is about): null when nothing is left in them, so an empty card is never sent.
/// </summary>
public sealed class DigestCards
{
    private const int PerSection = 15;
    private static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("ddd d MMM");

    public async Task<Card?> ForAsync(ComplianceDb db, ResolvedIdentity viewer, string stage, string cycle, CancellationToken ct)
    {
        var today = QueueDigestsHandler.DayOf(cycle);
        var userId = viewer.User!.Id;
        var visible = AccessGuard.VisibleEntityIds(db, userId);
        var soon = today.PlusDays(QueueDigestsHandler.DaysAhead);
        var weekEnd = today.PlusDays(6);
        var open = db.ComplianceInstances.AsNoTracking().Where(i => visible.Contains(i.EntityId) && i.Status != InstanceStatus.Filed);
        open = stage switch
        {
            QueueDigestsHandler.DailyStage => open.Where(i => (i.OwnerUserId == userId && (i.ExtendedDueDate ?? i.StatutoryDueDate) <= soon)
                                                              || (i.ApproverUserId == userId && i.Status == InstanceStatus.AwaitingApproval)),
            QueueDigestsHandler.WeeklyStage => open.Where(i => (i.ExtendedDueDate ?? i.StatutoryDueDate) >= today && (i.ExtendedDueDate ?? i.StatutoryDueDate) <= weekEnd),
            _ => open.Where(_ => false),
        };
        var rows = await (from i in open
                          join m in db.ComplianceMasters on i.MasterId equals m.Id
                          join e in db.LegalEntities on i.EntityId equals e.Id
                          select new Row(i.Id, e.Name, m.Name, i.PeriodKey, i.Status, i.OwnerUserId, i.ApproverUserId, i.ExtendedDueDate ?? i.StatutoryDueDate))
            .ToListAsync(ct);
        return stage == QueueDigestsHandler.DailyStage ? Daily(rows, userId, today) : Weekly(rows, today);
    }

    private static Card? Daily(List<Row> rows, Guid userId, LocalDate today)
    {
        var overdue = rows.Where(r => r.OwnerUserId == userId && r.Due < today).OrderBy(r => r.Due).ToList();
        var soon = rows.Where(r => r.OwnerUserId == userId && r.Due >= today).OrderBy(r => r.Due).ToList();
        var approve = rows.Where(r => r.ApproverUserId == userId && r.Status == InstanceStatus.AwaitingApproval).OrderBy(r => r.Due).ToList();
        if (overdue.Count + soon.Count + approve.Count == 0)
        {
            return null;
        }

        var blocks = new List<CardBlock>
        {
            new StatusBadge(overdue.Count > 0 ? StatusTone.Attention : StatusTone.Warning, $"{overdue.Count} overdue, {soon.Count} due in the next {QueueDigestsHandler.DaysAhead} days, {approve.Count} awaiting your approval"),
        };
        AddSection(blocks, "Overdue", overdue, today, withEntity: true);
        AddSection(blocks, $"Due in the next {QueueDigestsHandler.DaysAhead} days", soon, today, withEntity: true);
        AddSection(blocks, "Awaiting your approval", approve, today, withEntity: true);
        return new Card(blocks) { Title = $"Your compliance digest — {Day.Format(today)}" };
    }

    private static Card? Weekly(List<Row> rows, LocalDate monday)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var blocks = new List<CardBlock> { new StatusBadge(StatusTone.Neutral, $"{rows.Count} due from {Day.Format(monday)} to {Day.Format(monday.PlusDays(6))}") };
        foreach (var entity in rows.GroupBy(r => r.Entity).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            AddSection(blocks, entity.Key, entity.OrderBy(r => r.Due).ToList(), monday, withEntity: false);
        }

        return new Card(blocks) { Title = $"This week's compliance calendar — from {Day.Format(monday)}" };
    }

    private static void AddSection(List<CardBlock> blocks, string heading, List<Row> rows, LocalDate today, bool withEntity)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var items = rows.Take(PerSection).Select(r => new ItemRow(
            withEntity ? $"{r.Master} — {r.Entity} — {r.PeriodKey}" : $"{r.Master} — {r.PeriodKey}",
            Describe(r, today),
            [ObligationCards.DetailsAction(r.Id)])).ToList();
        var section = new List<CardBlock> { new ItemList(items) };
        if (rows.Count > items.Count)
        {
            section.Add(new TextBlock($"and {rows.Count - items.Count} more; say \"my tasks\" for all", Subtle: true));
        }

        blocks.Add(new Section($"{heading} ({rows.Count})", section));
    }

    private static string Describe(Row r, LocalDate today)
    {
        if (r.Due is not { } due)
        {
            return "no due date yet";
        }

        var days = Period.Between(today, due, PeriodUnits.Days).Days;
        var when = days switch
        {
            < 0 => $"{-days} day{(days == -1 ? string.Empty : "s")} late",
            0 => "today",
            1 => "tomorrow",
            _ => $"in {days} days",
        };
        return $"due {Day.Format(due)} ({when}) · {r.Status switch { InstanceStatus.NotStarted => "not started", InstanceStatus.InProgress => "in progress", InstanceStatus.AwaitingApproval => "awaiting approval", InstanceStatus.Approved => "approved, to file", _ => r.Status.ToString() }}";
    }

    private sealed record Row(Guid Id, string Entity, string Master, string PeriodKey, InstanceStatus Status, Guid? OwnerUserId, Guid? ApproverUserId, LocalDate? Due);
}
