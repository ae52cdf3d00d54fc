using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace ComplianceOs.BotHost.Conversation.Tasks;

// ComplianceOs.Rag (the assistant) is a namespace too; here Rag is the traffic-light status.
using Rag = ComplianceOs.Domain.Instances.Rag;

/// <summary>"My tasks": the user's open obligations (as owner, or awaiting their approval), by entity, soonest first.</summary>
public sealed class TaskLists(ComplianceDbFactory dbs)
{
    private const int PerEntity = 15;

    public async Task<Card> MyTasksAsync(ResolvedIdentity identity, CancellationToken ct, Conversation.Parsing.Intent view = Conversation.Parsing.Intent.MyTasks, NodaTime.LocalDate? today = null)
    {
        var userId = identity.User!.Id;
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var visible = AccessGuard.VisibleEntityIds(db, userId);
        var rows = await (from i in db.ComplianceInstances
                          join m in db.ComplianceMasters on i.MasterId equals m.Id
                          join e in db.LegalEntities on i.EntityId equals e.Id
                          where visible.Contains(i.EntityId) && i.Status != InstanceStatus.Filed
                                && (i.OwnerUserId == userId || (i.ApproverUserId == userId && i.Status == InstanceStatus.AwaitingApproval))
                          select new { i.Id, Entity = e.Name, m.Code, m.Name, i.PeriodKey, i.Status, i.Rag, i.IsOverdue, i.IsBlocked, i.BlockedReason, Due = i.ExtendedDueDate ?? i.StatutoryDueDate, i.AwaitingEvent })
            .ToListAsync(ct);
        var title = "My tasks";
        if (view == Conversation.Parsing.Intent.Overdue)
        {
            rows = rows.Where(r => r.IsOverdue).ToList();
            title = "Overdue";
        }
        else if (view == Conversation.Parsing.Intent.DueThisWeek && today is { } day)
        {
            rows = rows.Where(r => r.Due is { } d && d >= day && d <= day.PlusDays(7)).ToList();
            title = "Due in the next 7 days";
        }

        if (rows.Count == 0)
        {
            return new Card([new TextBlock(view == Conversation.Parsing.Intent.MyTasks ? "Nothing is open for you. 🎉" : "Nothing here for you.")]) { Title = title };
        }

        var blocks = new List<CardBlock>
        {
            new StatusBadge(rows.Any(r => r.IsOverdue) ? StatusTone.Attention : StatusTone.Good, $"{rows.Count} open, {rows.Count(r => r.IsOverdue)} overdue"),
        };
        foreach (var entity in rows.GroupBy(r => r.Entity).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = entity.OrderBy(r => r.Due ?? NodaTime.LocalDate.MaxIsoValue).Take(PerEntity).Select(r => new ItemRow(
                $"{r.Name} — {r.PeriodKey}",
                $"{(r.Due is { } due ? "due " + LocalDatePattern.Iso.Format(due) : "no due date until the " + r.AwaitingEvent?.ToUpperInvariant() + " is recorded")} · {Describe(r.Status, r.Rag, r.IsOverdue, r.IsBlocked ? r.BlockedReason : null)}",
                [ObligationCards.DetailsAction(r.Id)])).ToList();
            var more = entity.Count() - items.Count;
            var section = new List<CardBlock> { new ItemList(items) };
            if (more > 0)
            {
                section.Add(new TextBlock($"and {more} more", Subtle: true));
            }

            blocks.Add(new Section(entity.Key, section));
        }

        return new Card(blocks) { Title = title };
    }

    private static string Describe(InstanceStatus status, Rag rag, bool overdue, string? blocked)
    {
        var text = status switch
        {
            InstanceStatus.NotStarted => "not started",
            InstanceStatus.InProgress => "in progress",
            InstanceStatus.AwaitingApproval => "awaiting approval",
            InstanceStatus.Approved => "approved, to file",
            _ => status.ToString(),
        };
        text += rag == Rag.None ? string.Empty : $" · {rag}";
        text += overdue ? " · overdue" : string.Empty;
        return blocked is null ? text : $"{text} · blocked: {blocked}";
    }
}
