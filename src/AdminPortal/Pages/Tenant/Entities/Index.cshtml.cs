using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.Domain.Entities;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Entities;

/// <summary>The tenant's legal entities, active first.</summary>
public sealed class IndexModel(CurrentAdmin admin) : PageModel
{
    public IReadOnlyList<LegalEntity> Entities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Entities = await db.LegalEntities.AsNoTracking().Include(e => e.GstRegistrations)
            .OrderByDescending(e => e.IsActive).ThenBy(e => e.Name)
            .ToListAsync(ct);
    }
}
