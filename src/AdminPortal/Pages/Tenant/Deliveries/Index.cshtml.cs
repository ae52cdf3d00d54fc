using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Audit;
using ComplianceOs.Domain.Notifications.Deliveries;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Deliveries;

/// <summary>
/// What the bot's "deliveries" card shows, at full length: the notifications of the last 30 days that reached no one
/// (every channel tried, and why), those being retried, and the people behind the failures.
/// </summary>
public sealed class IndexModel(CurrentAdmin admin, TimeProvider clock) : PageModel
{
    public const int Days = 30;
    public const int Limit = 100;

    public TenantZone Zone { get; private set; } = null!;

    public int NotDeliveredCount { get; private set; }

    public int BeingRetriedCount { get; private set; }

    public IReadOnlyList<UnreachablePerson> People { get; private set; } = [];

    public IReadOnlyList<DeliveryProblem> NotDelivered { get; private set; } = [];

    public IReadOnlyList<DeliveryProblem> BeingRetried { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var since = Instant.FromDateTimeOffset(clock.GetUtcNow()) - Duration.FromDays(Days);
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Zone = await TenantZone.LoadAsync(db, ct);
        (NotDeliveredCount, BeingRetriedCount) = await DeliveryProblemsQuery.CountAsync(db, since, ct);
        People = await DeliveryProblemsQuery.UnreachablePeopleAsync(db, since, Limit, ct);
        NotDelivered = await DeliveryProblemsQuery.ListAsync(db, since, Limit, DeliveryProblemKind.NotDelivered, ct);
        BeingRetried = await DeliveryProblemsQuery.ListAsync(db, since, Limit, DeliveryProblemKind.BeingRetried, ct);
    }
}
