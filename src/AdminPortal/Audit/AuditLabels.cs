using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.AdminPortal.Audit;

/// <summary>
/// Names for the targets of a page of entries (a legal entity's name, an obligation's code, period and entity, a
/// person's name, an evidence file's name), read through the same tenant-scoped context: an id the tenant does not
/// own stays a bare id. Four small queries per page, whatever its size.
/// </summary>
public sealed class AuditLabels
{
    private readonly Dictionary<(string Type, string Id), string> _names = [];

    /// <summary>Obligation targets and evidence files mapped to their obligation, for "this obligation's entries" links.</summary>
    private readonly Dictionary<string, Guid> _instanceOfEvidence = new(StringComparer.Ordinal);

    public static async Task<AuditLabels> LoadAsync(ComplianceDb db, IEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        var labels = new AuditLabels();
        var ids = entries.Select(e => (e.TargetType, Id: Guid.TryParse(e.TargetId, out var g) ? g : (Guid?)null))
            .Where(t => t.Id is not null).GroupBy(t => t.TargetType).ToDictionary(g => g.Key, g => g.Select(t => t.Id!.Value).Distinct().ToList());

        if (ids.TryGetValue(AuditTargets.LegalEntity, out var entities))
        {
            foreach (var e in await db.LegalEntities.AsNoTracking().Where(e => entities.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToListAsync(ct))
            {
                labels._names[(AuditTargets.LegalEntity, e.Id.ToString())] = e.Name;
            }
        }

        var instances = ids.GetValueOrDefault(AuditTargets.Instance) ?? [];
        if (ids.TryGetValue(AuditTargets.Evidence, out var evidence))
        {
            foreach (var e in await db.Evidence.AsNoTracking().Where(e => evidence.Contains(e.Id)).Select(e => new { e.Id, e.FileName, e.Version, e.InstanceId }).ToListAsync(ct))
            {
                labels._names[(AuditTargets.Evidence, e.Id.ToString())] = $"{e.FileName} (v{e.Version})";
                labels._instanceOfEvidence[e.Id.ToString()] = e.InstanceId;
                instances.Add(e.InstanceId);
            }
        }

        if (instances.Count > 0)
        {
            var found = await (from i in db.ComplianceInstances.AsNoTracking()
                               join m in db.ComplianceMasters on i.MasterId equals m.Id
                               join e in db.LegalEntities on i.EntityId equals e.Id
                               where instances.Contains(i.Id)
                               select new { i.Id, m.Code, i.PeriodKey, Entity = e.Name }).ToListAsync(ct);
            foreach (var i in found)
            {
                labels._names[(AuditTargets.Instance, i.Id.ToString())] = $"{i.Code} {i.PeriodKey} · {i.Entity}";
            }
        }

        if (ids.TryGetValue(AuditTargets.User, out var users))
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            {
                labels._names[(AuditTargets.User, u.Id.ToString())] = u.Name;
            }
        }

        return labels;
    }

    public string? NameOf(string targetType, string targetId) => _names.GetValueOrDefault((targetType, targetId));

    /// <summary>The obligation an entry is about: its target, or the obligation of the evidence file it targets.</summary>
    public Guid? InstanceOf(AuditEntry e) =>
        e.TargetType == AuditTargets.Instance && Guid.TryParse(e.TargetId, out var id) ? id
        : e.TargetType == AuditTargets.Evidence && _instanceOfEvidence.TryGetValue(e.TargetId, out var owner) ? owner
        : null;

    /// <summary>The obligation's label, for an evidence file's entry.</summary>
    public string? InstanceName(Guid instanceId) => NameOf(AuditTargets.Instance, instanceId.ToString());
}
