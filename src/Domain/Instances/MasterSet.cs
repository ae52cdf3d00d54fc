using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Instances;

/// <summary>A master with its parsed rule and applicability, ready for the engine.</summary>
public sealed record ActiveMaster(ComplianceMaster Master, DueDateRule Rule, Applicability Applicability);

/// <summary>The masters in force for a tenant: the global catalog, with tenant overrides replacing their global master, plus custom masters.</summary>
public static class MasterSet
{
    public static async Task<IReadOnlyList<ActiveMaster>> LoadAsync(ComplianceDb db, CancellationToken ct)
    {
        var masters = await db.ComplianceMasters.AsNoTracking().Where(m => m.IsActive).ToListAsync(ct);
        var overridden = masters.Where(m => m.OverridesMasterId is not null).Select(m => m.OverridesMasterId!.Value).ToHashSet();
        var active = new List<ActiveMaster>();
        foreach (var m in masters.Where(m => !overridden.Contains(m.Id)).OrderBy(m => m.Code, StringComparer.Ordinal))
        {
            // Stored rules were validated on save; one that no longer parses is skipped rather than guessed at.
            var v = new Validation();
            var rule = DueDateRuleParser.Parse(m.DueDateRule, m.Frequency, v);
            var applicability = Applicability.Parse(m.Applicability, "applicability", v);
            if (rule is not null && applicability is not null)
            {
                active.Add(new ActiveMaster(m, rule, applicability));
            }
        }

        return active;
    }
}
