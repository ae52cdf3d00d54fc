using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Masters;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Masters.RetireCustomMaster;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Masters;

/// <summary>The global catalog (read-only), the tenant's own masters and overrides, and the extensions it recorded.</summary>
public sealed class IndexModel(CurrentAdmin admin, RetireCustomMasterHandler retire) : PageModel
{
    public sealed record Row(Guid Id, string Code, string Name, ComplianceCategory Category, string Authority, ComplianceFrequency Frequency, RuleConfidence Confidence, bool IsActive, string? Overrides, Guid? OverriddenBy);

    public sealed record ExtensionRow(Guid MasterId, string Code, string PeriodKey, LocalDate ExtendedTo, string States, string Reference, string RecordedAt);

    public IReadOnlyList<Row> Catalog { get; private set; } = [];

    public IReadOnlyList<Row> Own { get; private set; } = [];

    public IReadOnlyList<ExtensionRow> Extensions { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var masters = await db.ComplianceMasters.AsNoTracking().OrderBy(m => m.Code).ToListAsync(ct);
        var codes = masters.ToDictionary(m => m.Id, m => m.Code);
        var overriddenBy = masters.Where(m => m.TenantId != null && m.IsActive && m.OverridesMasterId != null).ToDictionary(m => m.OverridesMasterId!.Value, m => m.Id);
        Row RowOf(ComplianceMaster m) => new(
            m.Id, m.Code, m.Name, m.Category, m.Authority, m.Frequency, m.Confidence, m.IsActive,
            m.OverridesMasterId is { } o ? codes.GetValueOrDefault(o) : null,
            overriddenBy.TryGetValue(m.Id, out var by) ? by : null);
        Catalog = masters.Where(m => m.TenantId == null).Select(RowOf).ToList();
        Own = masters.Where(m => m.TenantId != null).OrderBy(m => !m.IsActive).ThenBy(m => m.Code, StringComparer.Ordinal).Select(RowOf).ToList();

        var zone = DateTimeZoneProviders.Tzdb[await db.Tenants.Select(t => t.TimeZone).SingleAsync(ct)];
        var extensions = await db.DueDateExtensions.AsNoTracking().OrderByDescending(x => x.RecordedAt).Take(50).ToListAsync(ct);
        Extensions = extensions.Select(x => new ExtensionRow(x.MasterId, codes.GetValueOrDefault(x.MasterId, "?"), x.PeriodKey, x.ExtendedTo, x.StateScope, x.NotificationReference, Show.Moment(x.RecordedAt, zone))).ToList();
    }

    public async Task<IActionResult> OnPostRetireAsync(Guid id, CancellationToken ct)
    {
        var result = await retire.HandleAsync(admin.Command(), new RetireCustomMasterCommand(id), ct);
        if (!result.Succeeded)
        {
            return StatusCode(FieldErrors.StatusOf(result.Errors));
        }

        Notice = $"{result.Value!.Code} is retired: no new obligations come from it.";
        return RedirectToPage();
    }
}
