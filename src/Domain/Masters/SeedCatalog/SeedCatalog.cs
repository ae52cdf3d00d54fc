using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Masters.Catalog;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Masters.SeedCatalog;

public sealed record CatalogSeedResult(int Created, int Updated, int Unchanged);

/// <summary>
/// Brings the global catalog in the database in line with the shipped <c>catalog.json</c>: new codes are created,
/// changed ones updated, each change audited in the platform chain with before and after. Rerunning changes nothing.
/// </summary>
public sealed class SeedCatalogHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    public async Task<CommandResult<CatalogSeedResult>> HandleAsync(PlatformContext ctx, CancellationToken ct = default)
    {
        if (ctx.Actor.Kind == ActorKind.User)
        {
            return new ForbiddenError("Only a platform operator can change the global catalog.");
        }

        var entries = CatalogLoader.Load();
        await using var db = dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // One catalog writer at a time; a second concurrent seed waits and then finds nothing to do.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('catalog', 0))", ct);
        var existing = await db.ComplianceMasters.Where(m => m.TenantId == null).ToDictionaryAsync(m => m.Code, ct);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        int created = 0, updated = 0, unchanged = 0;
        foreach (var entry in entries)
        {
            if (!existing.TryGetValue(entry.Code, out var master))
            {
                master = new ComplianceMaster { Id = Guid.CreateVersion7(), Code = entry.Code, Name = entry.Name, Authority = entry.Authority, DueDateRule = entry.DueDateRuleJson, CreatedAt = now };
                Apply(master, entry);
                db.ComplianceMasters.Add(master);
                await audit.AppendAsync(db, AuditLog.PlatformChain, ctx.Actor, ctx.Channel, ctx.CorrelationId, new AuditRecord(AuditAction.MasterCreated, "ComplianceMaster", entry.Code, null, MasterSnapshot.Of(master)), ct);
                created++;
                continue;
            }

            var before = MasterSnapshot.Of(master);
            Apply(master, entry);
            if (db.Entry(master).Properties.Any(p => p.IsModified && !Same(p.OriginalValue, p.CurrentValue)))
            {
                await audit.AppendAsync(db, AuditLog.PlatformChain, ctx.Actor, ctx.Channel, ctx.CorrelationId, new AuditRecord(AuditAction.MasterUpdated, "ComplianceMaster", entry.Code, before, MasterSnapshot.Of(master)), ct);
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CatalogSeedResult(created, updated, unchanged);
    }

    private static bool Same(object? a, object? b) => a switch
    {
        List<string> la when b is List<string> lb => la.SequenceEqual(lb),
        string sa when b is string sb => JsonText.Equivalent(sa, sb),
        null => b is null,
        _ => Equals(a, b),
    };

    private static void Apply(ComplianceMaster m, CatalogEntry e)
    {
        m.Name = e.Name;
        m.Category = e.Category;
        m.Authority = e.Authority;
        m.Frequency = e.Frequency;
        m.RuleText = e.RuleText;
        if (!JsonText.Equivalent(m.DueDateRule, e.DueDateRuleJson))
        {
            m.DueDateRule = e.DueDateRuleJson;
        }

        if (!JsonText.Equivalent(m.Applicability, e.ApplicabilityJson))
        {
            m.Applicability = e.ApplicabilityJson;
        }

        SetList(m.DependsOn, e.DependsOn, l => m.DependsOn = l);
        SetList(m.WorkflowSteps, e.WorkflowSteps, l => m.WorkflowSteps = l);
        SetList(m.EvidenceKinds, e.EvidenceKinds, l => m.EvidenceKinds = l);
        SetList(m.Sources, e.Sources, l => m.Sources = l);
        m.DefaultOwnerRole = e.DefaultOwnerRole;
        m.DefaultApproverRole = e.DefaultApproverRole;
        SetList(m.Checklist, e.Checklist, l => m.Checklist = l);
        m.PenaltyText = e.Penalty;
        if (e.LateFeeJson is null ? m.LateFeeRule is not null : m.LateFeeRule is null || !JsonText.Equivalent(m.LateFeeRule, e.LateFeeJson))
        {
            m.LateFeeRule = e.LateFeeJson;
        }

        m.LegalBasis = e.LegalBasis;
        m.Confidence = e.Confidence;
        m.ConfidenceNote = e.ConfidenceNote;
        m.IsActive = true;
    }

    private static void SetList(List<string> current, IReadOnlyList<string> wanted, Action<List<string>> set)
    {
        if (!current.SequenceEqual(wanted))
        {
            set([.. wanted]);
        }
    }
}
