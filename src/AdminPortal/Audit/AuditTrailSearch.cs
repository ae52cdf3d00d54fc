using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.AdminPortal.Audit;

/// <summary>One page of the trail, newest first; <see cref="OlderThan"/> is the cursor of the next page, if there is one.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? OlderThan);

/// <summary>
/// The audit trail filtered in PostgreSQL, through a tenant-scoped context (row-level security and the tenant
/// filter: another tenant's ids simply match nothing). Pages by sequence, newest first, so a page costs the same
/// however deep in the trail it is; the export streams in chain order without holding the trail in memory.
/// </summary>
/// <remarks>
/// An entry is "about" a legal entity when it targets the entity, one of its obligations or an evidence file of
/// one, or when its before/after snapshot names the entity (<c>entityId</c>: instance snapshots, access grants,
/// generation runs; <c>entityIds</c>: people given access to it). It is about an obligation when it targets it or one of its evidence files (evidence entries
/// name only the file).
/// </remarks>
public static class AuditTrailSearch
{
    public const int PageSize = 100;

    public static async Task<AuditPage> PageAsync(ComplianceDb db, AuditFilter filter, DateTimeZone zone, CancellationToken ct)
    {
        var query = Filtered(db, filter, zone);
        if (filter.Before is { } before)
        {
            query = query.Where(a => a.Sequence < before);
        }

        var rows = await query.OrderByDescending(a => a.Sequence).Take(PageSize + 1).ToListAsync(ct);
        return rows.Count > PageSize ? new AuditPage(rows.GetRange(0, PageSize), rows[PageSize - 1].Sequence) : new AuditPage(rows, null);
    }

    /// <summary>Every matching entry in chain order (the paging cursor is ignored: an export is the whole filtered set).</summary>
    public static IAsyncEnumerable<AuditEntry> StreamAsync(ComplianceDb db, AuditFilter filter, DateTimeZone zone) =>
        Filtered(db, filter, zone).OrderBy(a => a.Sequence).AsAsyncEnumerable();

    public static IQueryable<AuditEntry> Filtered(ComplianceDb db, AuditFilter filter, DateTimeZone zone)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        if (filter.UserId is { } user)
        {
            query = query.Where(a => a.ActorId == user);
        }

        var (from, until) = filter.Instants(zone);
        if (from is { } f)
        {
            query = query.Where(a => a.OccurredAt >= f);
        }

        if (until is { } u)
        {
            query = query.Where(a => a.OccurredAt < u);
        }

        if (filter.EntityId is { } entityId)
        {
            var id = entityId.ToString();
            var named = $$"""{"entityId":"{{id}}"}""";
            var listed = $$"""{"entityIds":["{{id}}"]}""";
            var instances = db.ComplianceInstances.Where(i => i.EntityId == entityId).Select(i => i.Id.ToString());
            var evidence = from e in db.Evidence
                           join i in db.ComplianceInstances on e.InstanceId equals i.Id
                           where i.EntityId == entityId
                           select e.Id.ToString();
            query = query.Where(a =>
                (a.TargetType == AuditTargets.LegalEntity && a.TargetId == id)
                || (a.TargetType == AuditTargets.Instance && instances.Contains(a.TargetId))
                || (a.TargetType == AuditTargets.Evidence && evidence.Contains(a.TargetId))
                || EF.Functions.JsonContains(a.After!, named)
                || EF.Functions.JsonContains(a.Before!, named)
                || EF.Functions.JsonContains(a.After!, listed)
                || EF.Functions.JsonContains(a.Before!, listed));
        }

        if (filter.InstanceId is { } instanceId)
        {
            var id = instanceId.ToString();
            var evidence = db.Evidence.Where(e => e.InstanceId == instanceId).Select(e => e.Id.ToString());
            query = query.Where(a =>
                (a.TargetType == AuditTargets.Instance && a.TargetId == id)
                || (a.TargetType == AuditTargets.Evidence && evidence.Contains(a.TargetId)));
        }

        return query;
    }
}

