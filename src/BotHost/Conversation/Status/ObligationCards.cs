using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Evidence;
using ComplianceOs.BotHost.Conversation.Workflow;
using ComplianceOs.Domain.EvidenceVault;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Masters.LateFees;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace ComplianceOs.BotHost.Conversation.Status;

// ComplianceOs.Rag (the assistant) is a namespace too; here Rag is the traffic-light status.
using Rag = ComplianceOs.Domain.Instances.Rag;

/// <summary>
/// One obligation in detail, found by id (a card button) or by what was typed (<c>status gstr-3b 2025-03</c>,
/// <c>status tds_pay march</c>). Only instances of entities the person may see are ever found; a search that fits
/// several entities or periods answers with a choice, never a guess.
/// </summary>
public sealed class ObligationCards(ComplianceDbFactory dbs, TimeProvider clock)
{
    public const string Verb = "status";
    public const string InstanceKey = "instanceId";

    public static CardAction DetailsAction(Guid instanceId, string label = "Details") =>
        new(Verb, label) { Data = new Dictionary<string, string> { [InstanceKey] = instanceId.ToString() } };

    /// <returns>The card, or null when the person may not see such an instance (or it does not exist).</returns>
    public async Task<Card?> ByIdAsync(ResolvedIdentity identity, Guid instanceId, string? viewerChannelId, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        return await ByIdAsync(db, identity, instanceId, viewerChannelId, ct);
    }

    private async Task<Card?> ByIdAsync(ComplianceDb db, ResolvedIdentity identity, Guid instanceId, string? viewerChannelId, CancellationToken ct)
    {
        var visible = AccessGuard.VisibleEntityIds(db, identity.User!.Id);
        var found = await Query(db, visible, db.ComplianceInstances.Where(i => i.Id == instanceId), db.ComplianceMasters).SingleOrDefaultAsync(ct);
        var today = NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(NodaTime.DateTimeZoneProviders.Tzdb[identity.TimeZone]).Date;
        return found is null ? null : await DetailAsync(db, found, identity, viewerChannelId, today, ct);
    }

    /// <summary>
    /// What to show for a parsed request: the candidate obligation codes (first that exists for the person wins
    /// when several do), the period key, and the entity hint matched against the names of the entities they see.
    /// </summary>
    public async Task<Card> ByParsedAsync(ResolvedIdentity identity, Conversation.Parsing.ParsedMessage parsed, string? viewerChannelId, CancellationToken ct)
    {
        // One transaction for finding and showing: the card shows what was found, and a round trip or two less.
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var found = await FindOneAsync(db, identity, parsed, ct);
        return found.InstanceId is { } id ? (await ByIdAsync(db, identity, id, viewerChannelId, ct))! : found.Answer!;
    }

    /// <summary>
    /// The one instance a typed request means, or the answer instead: which obligation, a choice between several,
    /// or that nothing fits among the entities the person can see. Never a guess.
    /// </summary>
    public async Task<Found> FindOneAsync(ResolvedIdentity identity, Conversation.Parsing.ParsedMessage parsed, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        return await FindOneAsync(db, identity, parsed, ct);
    }

    /// <summary>What a typed request found: one instance, or the answer to show instead (<see cref="NothingFound"/>: no instance fits at all).</summary>
    public sealed record Found(Guid? InstanceId, Card? Answer, bool NothingFound = false);

    private static async Task<Found> FindOneAsync(ComplianceDb db, ResolvedIdentity identity, Conversation.Parsing.ParsedMessage parsed, CancellationToken ct)
    {
        if (parsed.ObligationCodes.Count == 0)
        {
            return new(null, Sentence("Which obligation? For example: status gstr3b march, or pf for last month."));
        }

        var codes = parsed.ObligationCodes.ToList();
        var visible = AccessGuard.VisibleEntityIds(db, identity.User!.Id);
        var rows = await Query(db, visible, db.ComplianceInstances, db.ComplianceMasters.Where(m => codes.Contains(m.Code))).ToListAsync(ct);
        if (parsed.Period is { } period)
        {
            rows = rows.Where(r => r.Instance.PeriodKey == period.Key || Covers(r.Instance, period)).ToList();
        }

        if (parsed.EntityHint is { } hint)
        {
            var matching = rows.Where(r => r.Entity.Contains(hint, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matching.Count == 0 && rows.Count > 0)
            {
                // Say so, and show nothing of an entity the person cannot see.
                return new(null, Sentence($"I found nothing for \"{hint}\" among the entities you can see."), NothingFound: true);
            }

            rows = matching;
        }

        // The first candidate code that has anything for this person is meant (3b → GSTR3B before GSTR3B_QRMP).
        var code = codes.FirstOrDefault(c => rows.Any(r => r.Master.Code == c));
        var latest = rows.Where(r => r.Master.Code == code).OrderByDescending(r => r.Instance.PeriodStart).ToList();
        if (latest.Count == 0)
        {
            return new(null, Sentence($"I found no {codes[0]}{(parsed.Period is { } p ? " for " + p.Key : string.Empty)} for the entities you can see."), NothingFound: true);
        }

        if (parsed.Period is null)
        {
            latest = latest.GroupBy(r => r.Instance.EntityId).Select(g => g.First()).ToList();
        }

        return latest.Count == 1 ? new(latest[0].Instance.Id, null) : new(null, Choice(code!, latest));
    }

    /// <summary>The version an instance is at now (what a typed command acts on), or null when not visible.</summary>
    public async Task<int?> VersionAsync(ResolvedIdentity identity, Guid instanceId, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var visible = AccessGuard.VisibleEntityIds(db, identity.User!.Id);
        return await db.ComplianceInstances.Where(i => i.Id == instanceId && visible.Contains(i.EntityId)).Select(i => (int?)i.Version).SingleOrDefaultAsync(ct);
    }

    /// <summary>Active people of the tenant whose name contains <paramref name="name"/> (for "reassign to …").</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> PeopleNamedAsync(ResolvedIdentity identity, string name, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var wanted = name.Trim().ToLowerInvariant();
        var people = await db.Users.Where(u => u.IsActive).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        return people.Where(p => p.Name.ToLowerInvariant().Contains(wanted, StringComparison.Ordinal)).Select(p => (p.Id, p.Name)).ToList();
    }

    /// <summary>A month typed for a quarterly obligation means the quarter (or half-year, year) containing it.</summary>
    internal static bool Covers(ComplianceInstance i, Conversation.Parsing.PeriodRef period) =>
        period.Kind == Conversation.Parsing.PeriodKind.Month
        && Domain.Rules.Period.TryParse(period.Key, ComplianceFrequency.Monthly) is { } month
        && i.PeriodStart <= month.Start && month.End <= i.PeriodEnd;

    private static Card Choice(string code, IEnumerable<Row> rows) => new([
        new TextBlock("That fits more than one obligation. Which one?"),
        new ItemList(rows.Take(10).Select(r => new ItemRow(
            $"{r.Entity} — {r.Instance.PeriodKey}",
            r.Instance.DueDateInForce is { } d ? "due " + LocalDatePattern.Iso.Format(d) : null,
            [DetailsAction(r.Instance.Id, "Show")])).ToList()),
    ])
    {
        Title = code,
    };

    private static IQueryable<Row> Query(ComplianceDb db, IQueryable<Guid> visible, IQueryable<ComplianceInstance> instances, IQueryable<ComplianceMaster> masters) =>
        from i in instances.AsNoTracking()
        join m in masters on i.MasterId equals m.Id
        join e in db.LegalEntities on i.EntityId equals e.Id
        where visible.Contains(i.EntityId)
        select new Row(
            i,
            m,
            e.Name,
            e.AnnualTurnoverCrore,
            db.Users.Where(u => u.Id == i.OwnerUserId).Select(u => u.Name).FirstOrDefault(),
            db.Users.Where(u => u.Id == i.ApproverUserId).Select(u => u.Name).FirstOrDefault());

    private static async Task<Card> DetailAsync(ComplianceDb db, Row r, ResolvedIdentity viewer, string? viewerChannelId, NodaTime.LocalDate today, CancellationToken ct)
    {
        var i = r.Instance;
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

        facts.Add(new Fact("Owner", r.OwnerName ?? "not assigned"));
        facts.Add(new Fact("Approver", r.ApproverName ?? "not assigned"));
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

        if (i.IsOverdue && (i.ExtendedDueDate ?? i.StatutoryDueDate) is { } dueInForce)
        {
            var rule = LateFeeRuleParser.Parse(r.Master.LateFeeRule, new Domain.Common.Validation(), "lateFeeRule");
            var fee = LateFeeCalculator.Compute(rule, dueInForce, today, r.Turnover);
            facts.Add(new Fact("Days late", fee.DaysLate.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            facts.Add(new Fact("Late fee so far", fee.Amount is { } amount
                ? $"{LateFeeCalculator.Rupees(amount)} ({fee.Basis}){(rule?.Note is { } note ? ". " + note : string.Empty)}"
                : "no fixed fee; interest or a penalty applies on amounts Compliance OS does not hold"));
            if (r.Master.PenaltyText is { Length: > 0 } penalty)
            {
                facts.Add(new Fact("If late", penalty));
            }
        }
        else if (i.Status != InstanceStatus.Filed && i.DueDateInForce is { } due && due >= today && due <= today.PlusDays(7))
        {
            // What lateness would cost, while there is still time: a day late as the fee rule counts it, and the penalty.
            var rule = LateFeeRuleParser.Parse(r.Master.LateFeeRule, new Domain.Common.Validation(), "lateFeeRule");
            var dayLate = LateFeeCalculator.Compute(rule, due, due.PlusDays(1), r.Turnover);
            var fee = dayLate.Amount is { } amount ? $"late fee {LateFeeCalculator.Rupees(amount)} after one day ({dayLate.Basis})" : null;
            var parts = new[] { fee, r.Master.PenaltyText is { Length: > 0 } p ? p : null }.Where(x => x is not null).ToList();
            if (parts.Count > 0)
            {
                facts.Add(new Fact("If late", string.Join(". ", parts)));
            }
        }

        var refreshData = new Dictionary<string, string> { [InstanceKey] = i.Id.ToString() };
        var blocks = new List<CardBlock> { new StatusBadge(Tone(i.Rag, i.Status), Badge(i)), new FactList(facts) };

        blocks.Add(await EvidenceAsync(db, i, r.Master, viewer.User!, ct));
        if (i.Status == InstanceStatus.AwaitingApproval && r.Master.Checklist.Count > 0)
        {
            // What the approver confirms before approving, from the master.
            blocks.Add(new Section("Checklist before approving", r.Master.Checklist.Select(c => (CardBlock)new TextBlock("☐ " + c)).ToList()));
        }

        // The workflow steps and the latest audit entries: where it stands, and who did what.
        var steps = await db.WorkflowTasks.AsNoTracking().Where(t => t.InstanceId == i.Id).OrderBy(t => t.StepNumber).ToListAsync(ct);
        if (steps.Count > 0)
        {
            blocks.Add(new Section("Steps", [new FactList(steps.Select(t => new Fact($"{t.StepNumber}. {t.Name}", t.Status.ToString())).ToList())]));
        }

        var recent = await db.AuditEntries.AsNoTracking().Where(a => a.TargetId == i.Id.ToString())
            .OrderByDescending(a => a.Sequence).Take(3).Select(a => new { a.ActorName, a.Action, a.OccurredAt }).ToListAsync(ct);
        if (recent.Count > 0)
        {
            blocks.Add(new Section("Latest activity", [new FactList(recent.Select(a => new Fact(
                NodaTime.Text.InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm 'UTC'").Format(a.OccurredAt),
                $"{a.ActorName}: {a.Action}")).ToList())]));
        }

        blocks.AddRange(WorkflowButtons.For(i, viewer.User!));
        blocks.Add(new ActionSet([DetailsAction(i.Id, "Refresh")]));
        return new Card(blocks)
        {
            Title = $"{r.Master.Name} — {i.PeriodKey}",
            Subtitle = r.Master.Code,
            Refresh = viewerChannelId is null ? null : new CardRefresh(Verb, refreshData, [viewerChannelId]),
        };
    }

    /// <summary>
    /// The proof, slot by slot (the master's slots first): the latest unremoved version of each file with its
    /// approval state, version count and SHA-256 (what an auditor compares against the vault), or that it is still
    /// missing; a download link for each, and for the filing's proof awaiting verification, the approver's buttons.
    /// </summary>
    private static async Task<Section> EvidenceAsync(ComplianceDb db, ComplianceInstance i, ComplianceMaster m, Domain.People.User viewer, CancellationToken ct)
    {
        var files = await db.Evidence.AsNoTracking().Where(x => x.InstanceId == i.Id && x.RemovedAt == null)
            .OrderByDescending(x => x.Version).ToListAsync(ct);
        var bySlot = files.GroupBy(x => x.EvidenceKind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var kinds = m.EvidenceKinds.Concat(bySlot.Keys.Where(k => !m.EvidenceKinds.Contains(k)).Order(StringComparer.Ordinal)).ToList();
        if (kinds.Count == 0)
        {
            return new Section("Evidence", [new TextBlock("No evidence is required. Drop a file here to add working papers.")]);
        }

        var mayDecide = i.ApproverUserId == viewer.Id || viewer.HasRole(Domain.People.UserRole.Approver) || viewer.HasRole(Domain.People.UserRole.Admin);
        var rows = kinds.Select(kind =>
        {
            if (!bySlot.TryGetValue(kind, out var versions))
            {
                return new ItemRow($"{EvidenceKinds.Label(kind)}: missing", null, []);
            }

            var f = versions[0];
            var state = f.ApprovalStatus switch
            {
                EvidenceApprovalStatus.Approved => "approved",
                EvidenceApprovalStatus.Rejected => $"rejected: {f.DecisionComment}",
                _ => "pending",
            };
            var actions = new List<CardAction> { EvidenceAction(EvidenceVerbs.Link, "Download", f) };
            if (f.ApprovalStatus == EvidenceApprovalStatus.Pending && EvidenceKinds.IsFilingProof(f.EvidenceKind)
                && i.Status is InstanceStatus.Approved or InstanceStatus.Filed && mayDecide && f.UploadedByUserId != viewer.Id)
            {
                actions.Add(EvidenceAction(EvidenceVerbs.Verify, "Verify", f) with { Style = CardActionStyle.Positive });
                actions.Add(EvidenceAction(EvidenceVerbs.Reject, "Reject proof", f) with { Style = CardActionStyle.Destructive, RequiredInputs = [WorkflowButtons.CommentInput] });
            }

            return new ItemRow(
                $"{EvidenceKinds.Label(kind)}: {f.FileName} (v{f.Version}{(versions.Count > 1 ? $" of {versions.Count}" : string.Empty)}, {state})",
                $"{Size.Describe(f.SizeBytes)} · SHA-256 {f.Sha256}",
                actions);
        }).ToList();
        var blocks = new List<CardBlock> { new ItemList(rows) };
        if (i.Status == InstanceStatus.Filed && rows.Any(r => r.Actions.Any(a => a.Verb == EvidenceVerbs.Reject)))
        {
            // The workflow's comment box is gone once filed; rejecting proof still needs a reason.
            blocks.Add(new TextInput(WorkflowButtons.CommentInput, "Why the proof is rejected") { Multiline = true, MaxLength = 2000 });
        }

        return new Section("Evidence", blocks);
    }

    private static CardAction EvidenceAction(string verb, string label, Domain.EvidenceVault.Evidence f) =>
        new(verb, label) { Data = new Dictionary<string, string> { [EvidenceVerbs.EvidenceKey] = f.Id.ToString() } };

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

    private sealed record Row(ComplianceInstance Instance, ComplianceMaster Master, string Entity, decimal? Turnover, string? OwnerName, string? ApproverName);
}
