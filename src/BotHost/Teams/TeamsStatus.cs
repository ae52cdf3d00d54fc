using System.Text.RegularExpressions;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace ComplianceOs.BotHost.Teams;

/// <summary>
/// One obligation in detail, found by id (a card button) or by what was typed (<c>status gstr-3b 2025-03</c>,
/// <c>status tds_pay march</c>). Only instances of entities the person may see are ever found; a search that fits
/// several entities or periods answers with a choice, never a guess.
/// </summary>
public sealed partial class TeamsStatus(ComplianceDbFactory dbs)
{
    public const string Verb = "status";
    public const string InstanceKey = "instanceId";

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static CardAction DetailsAction(Guid instanceId, string label = "Details") =>
        new(Verb, label) { Data = new Dictionary<string, string> { [InstanceKey] = instanceId.ToString() } };

    /// <returns>The card, or null when the person may not see such an instance (or it does not exist).</returns>
    public async Task<Card?> ByIdAsync(ResolvedIdentity identity, Guid instanceId, string? viewerChannelId, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var visible = AccessGuard.VisibleEntityIds(db, identity.User!.Id);
        var found = await Query(db, visible, db.ComplianceInstances.Where(i => i.Id == instanceId)).SingleOrDefaultAsync(ct);
        return found is null ? null : await DetailAsync(db, found, identity, viewerChannelId, ct);
    }

    /// <summary>What to show for "status …": a detail card, a choice between matches, or a sentence saying what was not found.</summary>
    public async Task<Card> ByTextAsync(ResolvedIdentity identity, string text, string? viewerChannelId, CancellationToken ct)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        if (words.Count == 0)
        {
            return Sentence("Which obligation? For example: status gstr3b 2025-03");
        }

        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var masters = await db.ComplianceMasters.AsNoTracking().Select(m => new { m.Id, m.Code, m.Frequency }).ToListAsync(ct);

        // The code may be typed over one or two words ("gstr 3b"); the rest is the period.
        ComplianceMasterRef? master = null;
        var periodWords = words;
        for (var take = Math.Min(2, words.Count); take >= 1 && master is null; take--)
        {
            var typed = Normalize(string.Concat(words.Take(take)));
            var hit = masters.FirstOrDefault(m => Normalize(m.Code) == typed);
            if (hit is not null)
            {
                master = new ComplianceMasterRef(hit.Id, hit.Code, hit.Frequency);
                periodWords = words.Skip(take).ToList();
            }
        }

        if (master is null)
        {
            return Sentence($"I do not know an obligation called \"{words[0]}\". Type \"my tasks\" to see yours.");
        }

        var visible = AccessGuard.VisibleEntityIds(db, identity.User!.Id);
        var rows = await Query(db, visible, db.ComplianceInstances.Where(i => i.MasterId == master.Id)).ToListAsync(ct);
        var period = string.Join(' ', periodWords);
        if (period.Length > 0)
        {
            var canonical = Domain.Rules.Period.TryParse(period, master.Frequency)?.Key;
            var month = MonthOf(period);
            rows = rows.Where(r => canonical is not null ? r.Instance.PeriodKey == canonical
                : month is not null && r.Instance.PeriodStart.Month == month).ToList();
        }

        var latest = rows.OrderByDescending(r => r.Instance.PeriodStart).ToList();
        if (latest.Count == 0)
        {
            return Sentence($"I found no {master.Code} {period} for the entities you can see.".Replace("  ", " ", StringComparison.Ordinal));
        }

        // Without a period, the most recent period per entity is meant.
        if (period.Length == 0)
        {
            latest = latest.GroupBy(r => r.Instance.EntityId).Select(g => g.First()).ToList();
        }

        if (latest.Count == 1)
        {
            return await DetailAsync(db, latest[0], identity, viewerChannelId, ct);
        }

        return new Card([
            new TextBlock("That fits more than one obligation. Which one?"),
            new ItemList(latest.Take(10).Select(r => new ItemRow(
                $"{r.Entity} — {r.Instance.PeriodKey}",
                r.Instance.DueDateInForce is { } d ? "due " + LocalDatePattern.Iso.Format(d) : null,
                [DetailsAction(r.Instance.Id, "Show")])).ToList()),
        ])
        {
            Title = master.Code,
        };
    }

    private static IQueryable<Row> Query(ComplianceDb db, IQueryable<Guid> visible, IQueryable<ComplianceInstance> instances) =>
        from i in instances.AsNoTracking()
        join m in db.ComplianceMasters on i.MasterId equals m.Id
        join e in db.LegalEntities on i.EntityId equals e.Id
        where visible.Contains(i.EntityId)
        select new Row(i, m, e.Name);

    private static async Task<Card> DetailAsync(ComplianceDb db, Row r, ResolvedIdentity viewer, string? viewerChannelId, CancellationToken ct)
    {
        var i = r.Instance;
        var people = await db.Users.AsNoTracking().Where(u => u.Id == i.OwnerUserId || u.Id == i.ApproverUserId).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var facts = new List<Fact>
        {
            new("Entity", r.Entity),
            new("Period", $"{i.PeriodKey} ({LocalDatePattern.Iso.Format(i.PeriodStart)} to {LocalDatePattern.Iso.Format(i.PeriodEnd)})"),
            new("Status", i.Status.ToString()),
            new("Statutory due date", i.StatutoryDueDate is { } s ? LocalDatePattern.Iso.Format(s) : $"not known until the {i.AwaitingEvent?.ToUpperInvariant()} date is recorded"),
        };
        if (i.ExtendedDueDate is { } extended)
        {
            facts.Add(new Fact("Extended to", $"{LocalDatePattern.Iso.Format(extended)} ({i.ExtensionReference})"));
        }

        if (i.CumulativePercent is { } pct)
        {
            facts.Add(new Fact("Cumulative share due", $"{pct}%"));
        }

        facts.Add(new Fact("Owner", i.OwnerUserId is { } o && people.TryGetValue(o, out var owner) ? owner : "not assigned"));
        facts.Add(new Fact("Approver", i.ApproverUserId is { } a && people.TryGetValue(a, out var approver) ? approver : "not assigned"));
        if (i.FilingReference is not null)
        {
            facts.Add(new Fact("Filing reference", i.FilingReference));
        }

        if (i.IsBlocked)
        {
            facts.Add(new Fact("Blocked", i.BlockedReason ?? "yes"));
        }

        facts.Add(new Fact("Rule", r.Master.RuleText));
        if (r.Master.Confidence != RuleConfidence.High)
        {
            facts.Add(new Fact("Confidence", $"{r.Master.Confidence}: {r.Master.ConfidenceNote}"));
        }

        var refreshData = new Dictionary<string, string> { [InstanceKey] = i.Id.ToString() };
        var blocks = new List<CardBlock> { new StatusBadge(Tone(i.Rag, i.Status), Badge(i)), new FactList(facts) };
        blocks.AddRange(TeamsWorkflowActions.For(i, viewer.User!));
        blocks.Add(new ActionSet([DetailsAction(i.Id, "Refresh")]));
        return new Card(blocks)
        {
            Title = $"{r.Master.Name} — {i.PeriodKey}",
            Subtitle = r.Master.Code,
            Refresh = viewerChannelId is null ? null : new CardRefresh(Verb, refreshData, [viewerChannelId]),
        };
    }

    private static StatusTone Tone(Rag rag, InstanceStatus status) => status == InstanceStatus.Filed ? StatusTone.Good : rag switch
    {
        Rag.Red => StatusTone.Attention,
        Rag.Amber => StatusTone.Warning,
        Rag.Green => StatusTone.Good,
        _ => StatusTone.Neutral,
    };

    private static string Badge(ComplianceInstance i) =>
        i.Status == InstanceStatus.Filed ? "Filed"
        : $"{i.Rag}{(i.IsOverdue ? " · overdue" : string.Empty)}{(i.IsBlocked ? " · blocked" : string.Empty)}";

    private static Card Sentence(string text) => new([new TextBlock(text)]);

    private static string Normalize(string code) => NonAlphanumeric().Replace(code, string.Empty).ToUpperInvariant();

    private static int? MonthOf(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var i = Array.FindIndex(Months, m => t.StartsWith(m, StringComparison.Ordinal));
        return i < 0 ? null : i + 1;
    }

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NonAlphanumeric();

    private sealed record ComplianceMasterRef(Guid Id, string Code, ComplianceFrequency Frequency);

    private sealed record Row(ComplianceInstance Instance, ComplianceMaster Master, string Entity);
}
