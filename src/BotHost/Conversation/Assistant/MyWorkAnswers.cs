using System.Text.RegularExpressions;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Parsing;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.BotHost.Conversation.Assistant;

/// <summary>
/// Questions about the team's own obligations ("is our GSTR-1 for Feb filed?", "what's overdue for the LLP?"),
/// answered from the database within the entities the asker may see, never from the knowledge base.
/// </summary>
public sealed partial class MyWorkAnswers(ComplianceDbFactory dbs)
{
    private const int MaxRows = 15;

    /// <summary>Whether a question asks about the team's own work rather than about the law.</summary>
    public static bool IsAbout(string text, ParsedMessage parsed)
    {
        var lower = " " + text.ToLowerInvariant() + " ";
        if (Law().IsMatch(lower) || (DueWords().IsMatch(lower) && !StatusWords().IsMatch(lower)))
        {
            // "late fee", "is PF applicable to our LLP", "when is our 3B due": about the law or a date.
            return false;
        }

        return StatusWords().IsMatch(lower) || (Ours().IsMatch(lower) && (parsed.ObligationCodes.Count > 0 || parsed.EntityHint is not null));
    }

    public async Task<AssistantAnswer> AnswerAsync(ResolvedIdentity identity, ParsedMessage parsed, string text, LocalDate today, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var visible = AccessGuard.VisibleEntityIds(db, identity.User!.Id);
        var codes = parsed.ObligationCodes.ToList();
        var rows = await (from i in db.ComplianceInstances.AsNoTracking()
                          join m in db.ComplianceMasters on i.MasterId equals m.Id
                          join e in db.LegalEntities on i.EntityId equals e.Id
                          where visible.Contains(i.EntityId) && (codes.Count == 0 || codes.Contains(m.Code))
                          select new Row(i, m.Code, m.Name, e.Name)).ToListAsync(ct);
        await tx.CommitAsync(ct);

        if (parsed.EntityHint is { } hint && rows.Any(r => r.Entity.Contains(hint, StringComparison.OrdinalIgnoreCase)))
        {
            rows = rows.Where(r => r.Entity.Contains(hint, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        if (parsed.Period is { } period)
        {
            rows = rows.Where(r => r.Instance.PeriodKey == period.Key || ObligationCards.Covers(r.Instance, period)).ToList();
        }

        var lower = " " + text.ToLowerInvariant() + " ";
        var overdueOnly = OverdueWords().IsMatch(lower);
        if (codes.Count == 0 || overdueOnly)
        {
            rows = rows.Where(r => r.Instance.Status != InstanceStatus.Filed && (!overdueOnly || r.Instance.IsOverdue)
                && (r.Instance.ExtendedDueDate ?? r.Instance.StatutoryDueDate ?? LocalDate.MinIsoValue) <= today.PlusDays(60)).ToList();
        }
        else if (parsed.Period is null)
        {
            // "is our PF paid?" means the latest period that has begun, per entity and obligation.
            rows = rows.Where(r => r.Instance.PeriodStart <= today)
                .GroupBy(r => (r.Instance.EntityId, r.Code)).Select(g => g.OrderByDescending(r => r.Instance.PeriodStart).First()).ToList();
        }

        // The first named code that has anything is meant (3b → GSTR3B before GSTR3B_QRMP), as in a status request.
        if (codes.Count > 0 && codes.FirstOrDefault(c => rows.Any(r => r.Code == c)) is { } code && !overdueOnly)
        {
            rows = rows.Where(r => r.Code == code || rows.All(x => x.Code != code)).ToList();
        }

        var sources = new List<string>();
        if (rows.Count == 0)
        {
            var what = codes.Count > 0 ? codes[0] : overdueOnly ? "overdue" : "open";
            var where = parsed.EntityHint is { } h ? $" for \"{h}\"" : string.Empty;
            var when = parsed.Period is { } p ? $" for {p.Key}" : string.Empty;
            return new AssistantAnswer(new Card([new TextBlock($"I found no {what} obligations{when}{where} among the entities you can see.")]) { Title = "Your obligations" }, AnswerKind.MyWork, sources, Private: true);
        }

        var ordered = rows.OrderBy(r => r.Entity, StringComparer.Ordinal).ThenBy(r => r.Instance.ExtendedDueDate ?? r.Instance.StatutoryDueDate ?? LocalDate.MaxIsoValue).ToList();
        var blocks = new List<CardBlock>();
        if (ordered.Count == 1 && codes.Count > 0)
        {
            blocks.Add(new TextBlock(Verdict(ordered[0], lower, today)));
        }
        else
        {
            var open = ordered.Count(r => r.Instance.Status != InstanceStatus.Filed);
            var late = ordered.Count(r => r.Instance.IsOverdue);
            blocks.Add(new TextBlock($"{ordered.Count} found: {ordered.Count - open} filed, {open} open, {late} overdue."));
        }

        blocks.Add(new ItemList(ordered.Take(MaxRows).Select(r => new ItemRow(
            $"{DueDateAnswers.ShortName(r.MasterName)} — {r.Instance.PeriodKey} — {r.Entity}",
            Describe(r, today),
            [ObligationCards.DetailsAction(r.Instance.Id)])).ToList()));
        if (ordered.Count > MaxRows)
        {
            blocks.Add(new TextBlock($"and {ordered.Count - MaxRows} more", Subtle: true));
        }

        return new AssistantAnswer(new Card(blocks) { Title = "Your obligations" }, AnswerKind.MyWork, sources, Private: true);
    }

    private static string Verdict(Row r, string lower, LocalDate today)
    {
        var what = $"{DueDateAnswers.ShortName(r.MasterName)} for {r.Instance.PeriodKey} ({r.Entity})";
        var asksDone = DoneWords().IsMatch(lower);
        if (r.Instance.Status == InstanceStatus.Filed)
        {
            var when = r.Instance.FiledAt is { } at ? " on " + LocalDatePattern.Iso.Format(at.InUtc().Date) : string.Empty;
            var reference = r.Instance.FilingReference is { } f ? $", reference {f}" : string.Empty;
            return $"{(asksDone ? "Yes. " : string.Empty)}{what} is filed{when}{reference}.";
        }

        return $"{(asksDone ? "Not yet. " : string.Empty)}{what}: {Describe(r, today)}.";
    }

    private static string Describe(Row r, LocalDate today)
    {
        var i = r.Instance;
        if (i.Status == InstanceStatus.Filed)
        {
            return "filed" + (i.FilingReference is { } f ? $" ({f})" : string.Empty);
        }

        var status = i.Status switch
        {
            InstanceStatus.NotStarted => "not started",
            InstanceStatus.InProgress => "in progress",
            InstanceStatus.AwaitingApproval => "awaiting approval",
            InstanceStatus.Approved => "approved, not filed yet",
            _ => i.Status.ToString(),
        };
        var due = i.ExtendedDueDate ?? i.StatutoryDueDate;
        var dueText = due is { } d
            ? (d < today ? $"due {LocalDatePattern.Iso.Format(d)}, {Period.Between(d, today, PeriodUnits.Days).Days} days late" : $"due {LocalDatePattern.Iso.Format(d)}")
            : $"due once the {i.AwaitingEvent?.ToUpperInvariant()} is recorded";
        var extended = i.ExtendedDueDate is not null ? $" (extended from {LocalDatePattern.Iso.Format(i.StatutoryDueDate!.Value)})" : string.Empty;
        return $"{status}, {dueText}{extended}{(i.IsBlocked ? $", blocked: {i.BlockedReason}" : string.Empty)}";
    }

    [GeneratedRegex(@"\b(filed|paid|done|submitted|deposited|complete|completed|approved|pending|overdue|late|open|outstanding|missed|status|finished|cleared|kiya|hua|ho gaya|hogaya)\b")]
    private static partial Regex StatusWords();

    [GeneratedRegex(@"\b(filed|paid|done|submitted|deposited|complete|completed|finished|cleared|kiya|hua|ho gaya|hogaya)\b")]
    private static partial Regex DoneWords();

    [GeneratedRegex(@"\b(overdue|late|missed|past due|delayed)\b")]
    private static partial Regex OverdueWords();

    [GeneratedRegex(@"\b(our|my|we|us|hamara|hamare|hamari|mera|meri|mere)\b")]
    private static partial Regex Ours();

    [GeneratedRegex(@"\b(due|deadline|last date|kab|when)\b")]
    private static partial Regex DueWords();

    [GeneratedRegex(@"\b(fee|fees|penalty|penalties|interest|damages|applicable|applicability|applies|apply|form|forms|section|rule|evidence|proof|documents|who|what is|mandatory|required|compulsory|necessary|need to|needed|need|happens|consequence|consequences|eligible|opt|allowed|can we|should we|checklist|keep|penality|panelty|how much|how many|days|even if|in which case|have to|rate|amount|amt|deduct|limit|interest)\b")]
    private static partial Regex Law();

    private sealed record Row(ComplianceInstance Instance, string Code, string MasterName, string Entity);
}
