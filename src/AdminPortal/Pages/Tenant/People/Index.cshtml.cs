using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.Domain.People;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.AdminPortal.Pages.Tenant.People;

/// <summary>The tenant's people with their roles, entities and channels, active first.</summary>
public sealed class IndexModel(CurrentAdmin admin) : PageModel
{
    public IReadOnlyList<User> People { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> EntityNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>People who have a portal password.</summary>
    public IReadOnlySet<Guid> SignsIn { get; private set; } = new HashSet<Guid>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        People = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.EntityAccess)
            .OrderByDescending(u => u.IsActive).ThenBy(u => u.Name)
            .ToListAsync(ct);
        EntityNames = await db.LegalEntities.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        SignsIn = (await db.PortalCredentials.AsNoTracking().Where(c => c.TenantId == admin.TenantId && c.UserId != null)
            .Select(c => c.UserId!.Value).ToListAsync(ct)).ToHashSet();
    }
}
