using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Audit;
using ComplianceOs.Domain.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Audit;

/// <summary>
/// One audit entry: who, when, through what, its place in the chain, and its before/after snapshots field by field.
/// An id that is not this tenant's is not found (row-level security never returns it).
/// </summary>
public sealed class EntryModel(CurrentAdmin admin) : PageModel
{
    public AuditEntry Entry { get; private set; } = null!;

    public IReadOnlyList<AuditDiffRow> Diff { get; private set; } = [];

    public AuditLabels Labels { get; private set; } = new();

    public TenantZone Zone { get; private set; } = null!;

    public Guid? PreviousId { get; private set; }

    public Guid? NextId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entry = await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (entry is null)
        {
            return NotFound();
        }

        Entry = entry;
        Zone = await TenantZone.LoadAsync(db, ct);
        Diff = AuditDiff.Compare(entry.Before, entry.After);
        Labels = await AuditLabels.LoadAsync(db, [entry], ct);
        var neighbours = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Sequence == entry.Sequence - 1 || a.Sequence == entry.Sequence + 1)
            .Select(a => new { a.Id, a.Sequence }).ToListAsync(ct);
        PreviousId = neighbours.SingleOrDefault(n => n.Sequence < entry.Sequence)?.Id;
        NextId = neighbours.SingleOrDefault(n => n.Sequence > entry.Sequence)?.Id;
        return Page();
    }
}
