using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.Domain.Dashboard;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.People;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.AdminPortal.Pages.Tenant.ControlTower;

/// <summary>
/// The tenant's control tower: the same figures as the bot's dashboard card (<see cref="ControlTowerFigures"/>),
/// with the per-category counts and a 90-day calendar of what falls due.
/// </summary>
public sealed class IndexModel(CurrentAdmin admin, TimeProvider clock) : PageModel
{
    public ControlTowerFigures Figures { get; private set; } = null!;

    public string TenantName { get; private set; } = string.Empty;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        TenantName = await db.Tenants.Where(t => t.Id == admin.TenantId).Select(t => t.Name).SingleAsync(ct);
        var today = await RecomputeTenantHandler.TenantTodayAsync(db, clock, ct);
        Figures = await ControlTowerFigures.LoadAsync(db, AccessGuard.VisibleEntityIds(db, admin.UserId), today, ct);
    }

    /// <summary>The heat-map shade of a day with <paramref name="due"/> obligations falling due.</summary>
    public static string Shade(int due) => due switch
    {
        0 => "h0",
        1 => "h1",
        <= 3 => "h2",
        _ => "h3",
    };
}
