using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Masters;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Masters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Masters;

/// <summary>
/// One master as the tenant sees it (global or its own), its obligations in the tenant with their statutory and
/// extended dates, and the extensions recorded for it. Another tenant's master is not found.
/// </summary>
public sealed class DetailsModel(CurrentAdmin admin) : PageModel
{
    public const int MaxInstances = 60;

    public sealed record InstanceRow(Guid Id, string Entity, string PeriodKey, LocalDate? StatutoryDue, LocalDate? ExtendedDue, string? ExtensionReference, string? AwaitingEvent, InstanceStatus Status, string? Owner);

    public sealed record ExtensionRow(string PeriodKey, LocalDate ExtendedTo, string States, string Reference, string RecordedAt);

    public ComplianceMaster Master { get; private set; } = null!;

    /// <summary>For a global master, the tenant's own override of it, if any.</summary>
    public ComplianceMaster? Override { get; private set; }

    /// <summary>For an override, the global master it replaces.</summary>
    public ComplianceMaster? Overridden { get; private set; }

    public IReadOnlyList<InstanceRow> Instances { get; private set; } = [];

    public IReadOnlyList<ExtensionRow> Extensions { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public bool IsOwn => Master.TenantId is not null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var master = await db.ComplianceMasters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (master is null)
        {
            return NotFound();
        }

        Master = master;
        Override = master.TenantId is null ? await db.ComplianceMasters.AsNoTracking().SingleOrDefaultAsync(m => m.OverridesMasterId == master.Id && m.TenantId != null, ct) : null;
        Overridden = master.OverridesMasterId is { } o ? await db.ComplianceMasters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == o, ct) : null;

        var period = string.IsNullOrWhiteSpace(Period) ? null : Period.Trim().ToUpperInvariant();
        Instances = await (
            from i in db.ComplianceInstances.AsNoTracking()
            join e in db.LegalEntities on i.EntityId equals e.Id
            join u in db.Users on i.OwnerUserId equals (Guid?)u.Id into owners
            from u in owners.DefaultIfEmpty()
            where i.MasterId == master.Id && (period == null || i.PeriodKey == period)
            orderby i.PeriodStart descending, e.Name
            select new InstanceRow(i.Id, e.Name, i.PeriodKey, i.StatutoryDueDate, i.ExtendedDueDate, i.ExtensionReference, i.AwaitingEvent, i.Status, u == null ? null : u.Name))
            .Take(MaxInstances).ToListAsync(ct);

        var zone = DateTimeZoneProviders.Tzdb[await db.Tenants.Select(t => t.TimeZone).SingleAsync(ct)];
        var extensions = await db.DueDateExtensions.AsNoTracking().Where(x => x.MasterId == master.Id).OrderByDescending(x => x.RecordedAt).ToListAsync(ct);
        Extensions = extensions.Select(x => new ExtensionRow(x.PeriodKey, x.ExtendedTo, x.StateScope, x.NotificationReference, Show.Moment(x.RecordedAt, zone))).ToList();
        return Page();
    }
}
