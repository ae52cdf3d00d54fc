using System.Text.RegularExpressions;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Masters.SaveCustomMaster;

/// <summary>
/// A tenant's own master, or its override of a global one (same code). Enums as text; the rule and applicability
/// as JSON, validated on save with every problem named by its path.
/// </summary>
public sealed record SaveCustomMasterCommand(
    string Code,
    string Name,
    string Category,
    string Authority,
    string Frequency,
    string RuleText,
    string DueDateRule,
    string? Applicability = null,
    IReadOnlyList<string>? DependsOn = null,
    IReadOnlyList<string>? WorkflowSteps = null,
    IReadOnlyList<string>? EvidenceKinds = null,
    string? PenaltyText = null,
    string? LegalBasis = null,
    IReadOnlyList<string>? Sources = null,
    string Confidence = "Medium",
    string? ConfidenceNote = null,
    IReadOnlyList<string>? Checklist = null,
    string? LateFeeRule = null);

/// <summary>Creates or updates the tenant's master for a code, and puts it in force. Admins only; audited with before and after.</summary>
public sealed partial class SaveCustomMasterHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    private static readonly Dictionary<string, string> ConstraintFields = new() { ["ix_compliance_masters_tenant_id_code"] = "code" };

    public async Task<CommandResult<ComplianceMaster>> HandleAsync(CommandContext ctx, SaveCustomMasterCommand cmd, CancellationToken ct = default)
    {
        var v = new Validation();
        var code = cmd.Code?.Trim().ToUpperInvariant() ?? string.Empty;
        if (!Code().IsMatch(code))
        {
            v.Add("code", $"'{cmd.Code}' is not a master code: 2–40 capital letters, digits and underscores");
        }

        v.Required("name", cmd.Name, 200);
        v.Required("authority", cmd.Authority, 200);
        v.Required("ruleText", cmd.RuleText, 4000);
        v.TryParseEnum<ComplianceCategory>("category", cmd.Category, out var category);
        var frequencyKnown = v.TryParseEnum<ComplianceFrequency>("frequency", cmd.Frequency, out var frequency);
        v.TryParseEnum<RuleConfidence>("confidence", cmd.Confidence, out var confidence);
        if (frequencyKnown)
        {
            DueDateRuleParser.Parse(cmd.DueDateRule, frequency, v);
        }

        Applicability.Parse(cmd.Applicability, "applicability", v);
        LateFees.LateFeeRuleParser.Parse(cmd.LateFeeRule, v, "lateFeeRule");
        var checklist = (cmd.Checklist ?? []).Select(s => s.Trim()).ToList();
        if (checklist.Any(c => c.Length is 0 or > 300))
        {
            v.Add("checklist", "items must be between 1 and 300 characters");
        }
        var steps = (cmd.WorkflowSteps ?? ["Prepare", "Review", "File"]).Select(s => s.Trim()).ToList();
        if (steps.Count == 0 || steps.Any(string.IsNullOrEmpty))
        {
            v.Add("workflowSteps", "needs at least one named step");
        }

        if (v.HasErrors)
        {
            return CommandResult<ComplianceMaster>.Failure(v.Errors);
        }

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "change compliance masters", ct) is { } denied)
        {
            return denied;
        }

        var known = await db.ComplianceMasters.Select(m => m.Code).Distinct().ToListAsync(ct);
        foreach (var (dep, i) in (cmd.DependsOn ?? []).Select((d, i) => (d.Trim().ToUpperInvariant(), i)))
        {
            if (!known.Contains(dep) || dep == code)
            {
                v.Add($"dependsOn[{i}]", dep == code ? "a master cannot depend on itself" : $"'{dep}' is not a compliance master code");
            }
        }

        if (v.HasErrors)
        {
            return CommandResult<ComplianceMaster>.Failure(v.Errors);
        }

        var global = await db.ComplianceMasters.AsNoTracking().SingleOrDefaultAsync(m => m.TenantId == null && m.Code == code, ct);
        var master = await db.ComplianceMasters.SingleOrDefaultAsync(m => m.TenantId == ctx.TenantId && m.Code == code, ct);
        var before = master is null ? null : MasterSnapshot.Of(master);
        if (master is null)
        {
            master = new ComplianceMaster
            {
                Id = Guid.CreateVersion7(),
                TenantId = ctx.TenantId,
                OverridesMasterId = global?.Id,
                Code = code,
                Name = string.Empty,
                Authority = string.Empty,
                DueDateRule = "{}",
                CreatedAt = Instant.FromDateTimeOffset(clock.GetUtcNow()),
            };
            db.ComplianceMasters.Add(master);
        }

        master.Name = cmd.Name.Trim();
        master.Category = category;
        master.Authority = cmd.Authority.Trim();
        master.Frequency = frequency;
        master.RuleText = cmd.RuleText.Trim();
        master.DueDateRule = cmd.DueDateRule;
        master.Applicability = string.IsNullOrWhiteSpace(cmd.Applicability) ? "{}" : cmd.Applicability;
        master.DependsOn = (cmd.DependsOn ?? []).Select(d => d.Trim().ToUpperInvariant()).ToList();
        master.WorkflowSteps = steps;
        master.EvidenceKinds = (cmd.EvidenceKinds ?? []).Select(e => e.Trim()).ToList();
        master.Checklist = checklist;
        master.PenaltyText = cmd.PenaltyText?.Trim();
        master.LateFeeRule = string.IsNullOrWhiteSpace(cmd.LateFeeRule) ? null : cmd.LateFeeRule;
        master.LegalBasis = cmd.LegalBasis?.Trim();
        master.Sources = (cmd.Sources ?? []).ToList();
        master.Confidence = confidence;
        master.ConfidenceNote = cmd.ConfidenceNote?.Trim();

        // A retired code keeps its row (the tenant-and-code key), so saving it again is how it comes back into force.
        master.IsActive = true;
        try
        {
            await audit.AppendAsync(db, ctx, new AuditRecord(before is null ? AuditAction.MasterCreated : AuditAction.MasterUpdated, "ComplianceMaster", code, before, MasterSnapshot.Of(master)), ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return master;
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]{1,39}$")]
    private static partial Regex Code();
}
