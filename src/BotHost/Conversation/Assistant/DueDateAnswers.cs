using System.Globalization;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Parsing;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Entities.Identifiers;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.BotHost.Conversation.Assistant;

using Period = ComplianceOs.Domain.Rules.Period;

/// <summary>
/// "When is GSTR-3B due for March?" answered by the rule engine, never from text: the obligation and period from
/// the question, the facts the rule needs (regime, state, kind of entity) from the question first and else from the
/// asker's entities. When those facts leave more than one answer it asks one short question instead of choosing.
/// Any extension the tenant recorded is shown beside the statutory date, never in its place.
/// </summary>
public sealed partial class DueDateAnswers(ComplianceDbFactory dbs)
{
    private const int MaxDates = 12;
    private static readonly LocalDatePattern Long = LocalDatePattern.CreateWithInvariantCulture("d MMMM uuuu");

    /// <returns>Null when the question names no obligation.</returns>
    public async Task<AssistantAnswer?> TryAnswerAsync(ResolvedIdentity identity, ParsedMessage parsed, string text, LocalDate today, CancellationToken ct)
    {
        if (parsed.ObligationCodes.Count == 0)
        {
            return null;
        }

        var said = QuestionFacts.Read(text);
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var codes = parsed.ObligationCodes.ToList();
        var masters = (await db.ComplianceMasters.AsNoTracking().Where(m => codes.Contains(m.Code) && m.IsActive).ToListAsync(ct))
            .GroupBy(m => m.Code).Select(g => g.OrderBy(m => m.TenantId is null ? 1 : 0).First())
            .OrderBy(m => codes.IndexOf(m.Code)).Select(Candidate.Of).Where(c => c is not null).Select(c => c!).ToList();
        if (masters.Count == 0)
        {
            return null;
        }

        if (Iff().IsMatch(text) && masters.FindIndex(c => c.Master.Code == "GSTR1_QRMP") is var at and >= 0)
        {
            masters[at] = Candidate.Of(IffOf(masters[at].Master))!;
        }

        // A regime or state the rules do not look at must not narrow anything ("quarterly 24Q" is not about QRMP).
        said = said with
        {
            Regime = masters.Any(c => c.When.GstRegime is not null) ? said.Regime : null,
            StateCode = masters.Any(c => NeedsState(c) || c.When.ProfessionalTaxState is not null) ? said.StateCode : null,
        };
        var visible = AccessGuard.VisibleEntityIds(db, identity.User!.Id);
        var entities = await db.LegalEntities.AsNoTracking().Include(e => e.GstRegistrations).Include(e => e.AgmRecords)
            .Where(e => visible.Contains(e.Id) && e.IsActive).OrderBy(e => e.Name).ToListAsync(ct);
        if (parsed.EntityHint is { } hint && entities.Any(e => e.Name.Contains(hint, StringComparison.OrdinalIgnoreCase)))
        {
            entities = entities.Where(e => e.Name.Contains(hint, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        else if (parsed.EntityHint is { } named && EntityLike().IsMatch(named) && said.Kind is null)
        {
            // Words after "for" are often not an entity at all ("for the portal"); only a name that looks like one is asked about.
            return Clarify($"I found no entity matching \"{named}\" among the entities you can see. Which entity do you mean?");
        }
        else if (said.Kind is { } kind && entities.Any(e => e.Kind == kind))
        {
            entities = entities.Where(e => e.Kind == kind).ToList();
        }

        // What the question says rules candidates out before anyone's entities are looked at.
        var stated = masters.Where(c => said.Regime is null || c.When.GstRegime is null || c.When.GstRegime == said.Regime)
            .Where(c => said.Kind is null || c.When.EntityKinds is null || c.When.EntityKinds.Contains(said.Kind.Value))
            .Where(c => said.StateCode is null || c.When.ProfessionalTaxState is null || c.When.ProfessionalTaxState == said.StateCode)
            .ToList();
        masters = stated.Count > 0 ? stated : masters;

        // The asker's entities, with what the question states taking precedence only when it fits them.
        var contexts = entities.Select(e => (Entity: e, Facts: EntityFacts.Of(e)))
            .Where(x => (said.Regime is null || x.Facts.GstRegime is null || x.Facts.GstRegime == said.Regime)
                && (said.StateCode is null || x.Facts.DateStateCode == said.StateCode || x.Facts.ProfessionalTaxStates.Contains(said.StateCode)))
            .ToList();
        var applicable = masters.Select(c => (Candidate: c, Entities: contexts.Where(x => c.When.AppliesTo(x.Facts)).ToList())).ToList();
        List<Target> targets;
        if (applicable.Any(a => a.Entities.Count > 0))
        {
            var fitting = applicable.Where(a => a.Entities.Count > 0).ToList();
            if (said.Regime is null && fitting.Select(a => a.Candidate.When.GstRegime).Where(r => r is not null).Distinct().Count() > 1)
            {
                var who = string.Join(" and ", fitting.SelectMany(a => a.Entities.Select(x => $"{x.Entity.Name} ({RegimeWord(x.Facts.GstRegime)})")).Distinct());
                return Clarify($"Monthly or QRMP? {who} file differently. Ask again with \"monthly\" or \"QRMP\", or name the entity.");
            }

            targets = fitting.SelectMany(a => a.Entities.Select(x => new Target(a.Candidate, x.Entity.Name, WithStated(x.Facts, said), x.Entity))).ToList();
        }
        else
        {
            // Nobody the asker can see has it: a general question, answered for the facts it states.
            if (said.Regime is null && masters.Select(c => c.When.GstRegime).Where(r => r is not null).Distinct().Count() > 1)
            {
                return Clarify("Monthly or QRMP? The dates differ: say \"monthly\" or \"QRMP\" and I'll give the date.");
            }

            var needsState = masters.Where(c => NeedsState(c) && said.StateCode is null).ToList();
            if (needsState.Count > 0)
            {
                return Clarify($"Which state is the GSTIN registered in? The {ShortName(needsState[0].Master)} date depends on the state (e.g. \"{ShortName(needsState[0].Master)} Q4 Karnataka\").");
            }

            targets = masters.Take(4).Select(c => new Target(c, null, Generic(c, said), null)).ToList();
        }

        var extensions = await db.DueDateExtensions.AsNoTracking().Where(x => targets.Select(t => t.Candidate.Master.Id).Contains(x.MasterId)).ToListAsync(ct);
        await tx.CommitAsync(ct);
        return Answer(targets, parsed.Period, today, extensions);
    }

    /// <summary>
    /// Of the obligations a question names, those that apply to the asker's entities (or that the question's own
    /// facts pick: "quarterly", "LLP"), so "interest on late 3B" from a monthly filer cites the monthly master first.
    /// All of them when none applies.
    /// </summary>
    public async Task<IReadOnlyList<string>> ApplicableCodesAsync(ResolvedIdentity identity, IReadOnlyList<string> codes, string text, CancellationToken ct)
    {
        if (codes.Count < 2)
        {
            return codes;
        }

        var said = QuestionFacts.Read(text);
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var wanted = codes.ToList();
        var candidates = (await db.ComplianceMasters.AsNoTracking().Where(m => wanted.Contains(m.Code) && m.IsActive).ToListAsync(ct))
            .Select(Candidate.Of).Where(c => c is not null).Select(c => c!).ToList();
        var visible = AccessGuard.VisibleEntityIds(db, identity.User!.Id);
        var facts = (await db.LegalEntities.AsNoTracking().Include(e => e.GstRegistrations).Where(e => visible.Contains(e.Id) && e.IsActive).ToListAsync(ct))
            .Select(EntityFacts.Of).ToList();
        // What the question says picks the asker's entities it describes, and only on that fact: "3b late fee for the
        // company" means the company's own regime, not every 3B there is. Said of none of them, it is a hypothetical
        // and overrides that one fact.
        if (said.Kind is { } kind)
        {
            facts = facts.Any(f => f.Kind == kind) ? [.. facts.Where(f => f.Kind == kind)] : [.. facts.Select(f => f with { Kind = kind })];
        }

        if (said.Regime is { } regime)
        {
            facts = facts.Any(f => f.GstRegime == regime) ? [.. facts.Where(f => f.GstRegime == regime)] : [.. facts.Select(f => f with { GstRegime = regime })];
        }

        var fitting = candidates.Where(c => (said.Regime is null || c.When.GstRegime is null || c.When.GstRegime == said.Regime)
                && (said.Kind is null || c.When.EntityKinds is null || c.When.EntityKinds.Contains(said.Kind.Value))
                && (facts.Count == 0 || facts.Any(c.When.AppliesTo)))
            .Select(c => c.Master.Code).ToHashSet(StringComparer.Ordinal);
        return fitting.Count == 0 ? codes : codes.Where(fitting.Contains).ToList();
    }

    private AssistantAnswer Answer(List<Target> targets, PeriodRef? asked, LocalDate today, List<DueDateExtension> extensions)
    {
        var blocks = new List<CardBlock>();
        var sources = new List<string>();
        var links = new List<Link>();
        string? title = null;
        foreach (var byMaster in targets.GroupBy(t => t.Candidate.Master.Id))
        {
            var candidate = byMaster.First().Candidate;
            var master = candidate.Master;
            var number = sources.Count + 1;
            sources.Add("master:" + master.Code);
            links.Add(new Link($"[{number}] {master.Code} — {master.Name} › Rule and due date", master.Sources.FirstOrDefault(s => s.StartsWith("http", StringComparison.OrdinalIgnoreCase))));
            var lines = new List<string>();
            foreach (var target in byMaster)
            {
                var periods = PeriodsFor(candidate, target, asked, today);
                if (periods.Count == 0)
                {
                    lines.Add($"{ShortName(master)} has no period matching {asked?.Key ?? "that"}: {FirstSentence(master.RuleText)} [{number}]");
                    continue;
                }

                foreach (var period in periods.Take(MaxDates))
                {
                    var who = target.EntityName is null ? string.Empty : $" ({target.EntityName})";
                    var result = DueDateEngine.Compute(candidate.Rule, period, target.Facts, target.Entity is null ? null : EventDates.For(target.Entity, period.FyStartYear));
                    if (result.DueDate is { } due)
                    {
                        var extension = GenerateInstancesHandler.ExtensionFor(extensions, master.Id, period.Key, target.Facts);
                        var line = $"{ShortName(master)} for {Describe(period)}{who} is due on {Long.Format(due)} ({LocalDatePattern.Iso.Format(due)}, a {due.DayOfWeek}){(result.CumulativePercent is { } pct ? $": {pct}% of the year's tax by then" : string.Empty)}. [{number}]";
                        if (extension is not null)
                        {
                            line += $" Extension recorded by your team: {Long.Format(extension.ExtendedTo)} ({LocalDatePattern.Iso.Format(extension.ExtendedTo)}) under {extension.NotificationReference}; the statutory date stays {LocalDatePattern.Iso.Format(due)}.";
                        }

                        lines.Add(line);
                        title ??= $"{ShortName(master)} — due {Long.Format(due)}";
                    }
                    else if (result.AwaitingEvent is { } ev)
                    {
                        lines.Add($"{ShortName(master)} for {Describe(period)}{who} is due relative to the {ev.ToUpperInvariant()}: {FirstSentence(master.RuleText)} No {ev.ToUpperInvariant()} date is recorded for it yet, so I can't give the exact date. [{number}]");
                    }
                    else
                    {
                        lines.Add($"{ShortName(master)} has no due date for {Describe(period)}{who}: {FirstSentence(master.RuleText)} [{number}]");
                    }
                }
            }

            blocks.Add(new Section(master.Name, [
                .. lines.Distinct().Select(l => (CardBlock)new TextBlock(l)),
                new FactList([
                    new Fact("Rule", FirstSentence(master.RuleText)),
                    .. master.Confidence == RuleConfidence.High ? Array.Empty<Fact>() : [new Fact("Confidence", $"{master.Confidence}: {master.ConfidenceNote}")],
                    .. master.LegalBasis is { Length: > 0 } basis ? [new Fact("Legal basis", basis)] : Array.Empty<Fact>(),
                ]),
            ]));
        }

        blocks.Add(new TextBlock("Statutory dates from the rule engine: weekends and holidays are not shifted unless the rule says so.", Subtle: true));
        blocks.Add(new Section("Sources", [new LinkList(links)]));
        return new AssistantAnswer(new Card(blocks) { Title = title ?? "Due dates" }, AnswerKind.DueDate, sources, Private: false);
    }

    /// <summary>
    /// The periods of the master that the asked period means: a month for a quarterly obligation is its quarter, a
    /// quarter for a monthly one is its three months; nothing asked means the next one due from today.
    /// </summary>
    private static List<Period> PeriodsFor(Candidate c, Target target, PeriodRef? asked, LocalDate today)
    {
        var frequency = c.Master.Frequency;
        if (asked is null)
        {
            var fy = today.Month >= 4 ? today.Year : today.Year - 1;
            var next = Enumerable.Range(fy - 1, 3).SelectMany(y => Period.InFinancialYear(frequency, y))
                .Where(p => DueDateEngine.CoversPeriod(c.Rule, p))
                .Select(p => (Period: p, Due: DueDateEngine.Compute(c.Rule, p, target.Facts).DateOrAnchor))
                .Where(x => x.Due is { } d && d >= today).OrderBy(x => x.Due).FirstOrDefault();
            return next.Period is null ? [] : [next.Period];
        }

        var range = Range(asked);
        if (range is null)
        {
            return [];
        }

        var (start, end) = range.Value;
        var fyFirst = start.Month >= 4 ? start.Year : start.Year - 1;
        var fyLast = end.Month >= 4 ? end.Year : end.Year - 1;
        var all = Enumerable.Range(fyFirst, fyLast - fyFirst + 1).SelectMany(y => Period.InFinancialYear(frequency, y)).ToList();
        if (frequency == ComplianceFrequency.Instalments && asked.Kind == PeriodKind.Month)
        {
            // "advance tax for December" is the instalment due in December.
            return all.Where(p => p.End >= start && p.End <= end).ToList();
        }

        var within = all.Where(p => p.Start >= start && p.End <= end).Where(p => DueDateEngine.CoversPeriod(c.Rule, p)).ToList();
        return within.Count > 0 ? within : all.Where(p => p.Start <= start && end <= p.End && DueDateEngine.CoversPeriod(c.Rule, p)).ToList();
    }

    private static (LocalDate Start, LocalDate End)? Range(PeriodRef asked)
    {
        var frequency = asked.Kind switch
        {
            PeriodKind.Month => ComplianceFrequency.Monthly,
            PeriodKind.Quarter => ComplianceFrequency.Quarterly,
            PeriodKind.HalfYear => ComplianceFrequency.HalfYearly,
            _ => ComplianceFrequency.Annual,
        };
        return Period.TryParse(asked.Key, frequency) is { } p ? (p.Start, p.End) : null;
    }

    private static string Describe(Period p) => p.Frequency switch
    {
        ComplianceFrequency.Monthly => p.Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        ComplianceFrequency.Quarterly => $"{p.Start.ToString("MMM", CultureInfo.InvariantCulture)}–{p.End.ToString("MMM yyyy", CultureInfo.InvariantCulture)} ({p.Key})",
        ComplianceFrequency.HalfYearly => $"{p.Start.ToString("MMM yyyy", CultureInfo.InvariantCulture)}–{p.End.ToString("MMM yyyy", CultureInfo.InvariantCulture)} ({p.Key})",
        ComplianceFrequency.Instalments => $"instalment {p.Index} of {Period.FyLabel(p.FyStartYear)}",
        _ => Period.FyLabel(p.FyStartYear),
    };

    private static bool NeedsState(Candidate c) => c.Rule.Variants.Any(v => v.Due is StateDay);

    private static EntityFacts WithStated(EntityFacts facts, QuestionFacts said) =>
        facts with { TransferPricing = said.TransferPricing ?? facts.TransferPricing };

    /// <summary>Facts for a question about nobody's entity: what it states, and what the obligation itself implies.</summary>
    private static EntityFacts Generic(Candidate c, QuestionFacts said)
    {
        var requires = c.When.Requires;
        var state = said.StateCode ?? "27";
        return new EntityFacts(
            said.Kind ?? c.When.EntityKinds?.FirstOrDefault() ?? EntityKind.PrivateLimited,
            state,
            requires.Contains("gst") || c.When.GstRegime is not null ? state : null,
            c.When.GstRegime ?? said.Regime ?? (requires.Contains("gst") ? GstRegime.Monthly : null),
            HasTan: true,
            Pf: true,
            Esi: true,
            c.When.ProfessionalTaxState is { } pt ? [pt] : [state],
            TaxAudit: true,
            TransferPricing: said.TransferPricing ?? requires.Contains("transferPricing"),
            DepositsOrLoans: true,
            MsmePayables: true,
            TurnoverCrore: null);
    }

    private static string RegimeWord(GstRegime? regime) => regime switch
    {
        GstRegime.Qrmp => "QRMP",
        GstRegime.Monthly => "monthly",
        _ => "no GST",
    };

    internal static string ShortName(ComplianceMaster m) => ShortName(m.Name);

    internal static string ShortName(string masterName) => masterName.Split(" — ")[0].Trim();

    internal static string FirstSentence(string text) => Rag.Answering.SentenceSplitter.First(text, 600);

    /// <summary>
    /// The Invoice Furnishing Facility is optional, so the catalog tracks it inside GSTR-1 (QRMP) rather than as an
    /// obligation of its own; its dates come from the same engine with the rule the master states in words: months 1
    /// and 2 of each quarter, by the 13th of the following month, from January 2021.
    /// </summary>
    private static ComplianceMaster IffOf(ComplianceMaster qrmp) => new()
    {
        Id = qrmp.Id,
        TenantId = qrmp.TenantId,
        Code = qrmp.Code,
        Name = "IFF — Invoice Furnishing Facility (optional, months 1 and 2 of a QRMP quarter)",
        Category = qrmp.Category,
        Authority = qrmp.Authority,
        Frequency = ComplianceFrequency.Monthly,
        RuleText = "Under QRMP, the optional IFF for months 1 and 2 of a quarter may be used from the 1st to the 13th of the following month (B2B invoices, up to Rs 50 lakh of value per month); month 3 is reported in the quarterly GSTR-1 by the 13th after the quarter. An IFF that is not used attracts no late fee.",
        DueDateRule = """{ "slots": ["M1", "M2", "M4", "M5", "M7", "M8", "M10", "M11"], "variants": [ { "effectiveFrom": "2021-01-01", "due": { "kind": "dayOfMonthAfter", "monthsAfter": 1, "day": 13 } } ] }""",
        Applicability = qrmp.Applicability,
        LegalBasis = qrmp.LegalBasis,
        Sources = qrmp.Sources,
        Confidence = qrmp.Confidence,
        ConfidenceNote = qrmp.ConfidenceNote,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\biff\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Iff();

    private static AssistantAnswer Clarify(string question) =>
        new(new Card([new TextBlock(question)]), AnswerKind.Clarify, [], Private: false);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(pvt|private|ltd|limited|llp|inc|corp|industries|services|traders|enterprises|technologies|solutions|india)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex EntityLike();

    private sealed record Candidate(ComplianceMaster Master, DueDateRule Rule, Applicability When)
    {
        public static Candidate? Of(ComplianceMaster m)
        {
            var v = new Validation();
            var rule = DueDateRuleParser.Parse(m.DueDateRule, m.Frequency, v);
            var when = Applicability.Parse(m.Applicability, "applicability", v);
            return rule is null || when is null ? null : new Candidate(m, rule, when);
        }
    }

    private sealed record Target(Candidate Candidate, string? EntityName, EntityFacts Facts, LegalEntity? Entity);
}
