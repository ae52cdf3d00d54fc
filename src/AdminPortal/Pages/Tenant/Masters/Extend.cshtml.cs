using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Masters;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Extensions;
using ComplianceOs.Domain.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Masters;

/// <summary>
/// Records a government extension for a master and period (with its notification number) through
/// <see cref="RecordExtensionHandler"/>, which moves every matching obligation of the tenant and tells their owners.
/// Opened from a master or from one obligation, whose master and period it fills in; either id must be the tenant's.
/// </summary>
public sealed class ExtendModel(CurrentAdmin admin, RecordExtensionHandler record) : PageModel
{
    public sealed record InstanceView(Guid Id, string Entity, string Code, string PeriodKey, LocalDate? StatutoryDue, LocalDate? ExtendedDue, string? Reference, InstanceStatus Status);

    [BindProperty]
    public ExtensionForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Masters { get; private set; } = [];

    public InstanceView? Instance { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? masterId, Guid? instanceId, CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (masterId is { } id)
        {
            var code = await db.ComplianceMasters.Where(m => m.Id == id).Select(m => m.Code).SingleOrDefaultAsync(ct);
            if (code is null)
            {
                return NotFound();
            }

            Input.MasterCode = code;
        }

        Input.InstanceId = instanceId;
        if (await ShowAsync(db, ct) is { } notFound)
        {
            return notFound;
        }

        if (Instance is { } i)
        {
            Input.MasterCode = i.Code;
            Input.PeriodKey = i.PeriodKey;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using (var db = admin.TenantDb())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await ShowAsync(db, ct) is { } notFound)
            {
                return notFound;
            }
        }

        var extendedTo = LocalDatePattern.Iso.Parse(Input.ExtendedTo?.Trim() ?? string.Empty);
        if (!extendedTo.Success)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ExtensionForm.ExtendedTo)}", string.IsNullOrWhiteSpace(Input.ExtendedTo) ? "The new due date is required." : $"'{Input.ExtendedTo}' is not a date (YYYY-MM-DD).");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await record.HandleAsync(
            admin.Command(),
            new RecordExtensionCommand(Input.MasterCode ?? string.Empty, Input.PeriodKey ?? string.Empty, extendedTo.Value, Input.NotificationReference ?? string.Empty, Input.StateList()),
            ct);
        if (!result.Succeeded)
        {
            var status = FieldErrors.StatusOf(result.Errors);
            if (status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            FieldErrors.AddTo(ModelState, result.Errors.Select(Explain), nameof(Input), ExtensionForm.Properties);
            Response.StatusCode = status;
            return Page();
        }

        var x = result.Value!;
        TempData["Notice"] = $"{Input.MasterCode?.Trim().ToUpperInvariant()} {x.Extension.PeriodKey} is extended to {Show.Text(x.Extension.ExtendedTo)} ({x.Extension.NotificationReference}): "
            + $"{x.InstancesMoved} obligation{(x.InstancesMoved == 1 ? string.Empty : "s")} moved, {x.OwnersNotified} owner notification{(x.OwnersNotified == 1 ? string.Empty : "s")} queued.";
        return RedirectToPage("Details", new { id = x.Extension.MasterId, period = x.Extension.PeriodKey });
    }

    /// <summary>The unique key's bare "already exists" said in the admin's terms.</summary>
    private static Error Explain(Error error) =>
        error is ConflictError { Field: "periodKey" }
            ? new ConflictError("periodKey", "an extension of this master for this period (and these states) is already recorded")
            : error;

    /// <summary>The masters in force (own before global, as extensions look them up) and the obligation opened from; null when all is there.</summary>
    private async Task<IActionResult?> ShowAsync(ComplianceDb db, CancellationToken ct)
    {
        if (Input.InstanceId is { } instanceId)
        {
            Instance = await (
                from i in db.ComplianceInstances.AsNoTracking()
                join e in db.LegalEntities on i.EntityId equals e.Id
                join m in db.ComplianceMasters on i.MasterId equals m.Id
                where i.Id == instanceId
                select new InstanceView(i.Id, e.Name, m.Code, i.PeriodKey, i.StatutoryDueDate, i.ExtendedDueDate, i.ExtensionReference, i.Status))
                .SingleOrDefaultAsync(ct);
            if (Instance is null)
            {
                return NotFound();
            }
        }

        var masters = await db.ComplianceMasters.AsNoTracking().Where(m => m.IsActive).Select(m => new { m.Code, m.Name, Own = m.TenantId != null }).ToListAsync(ct);
        Masters = masters.GroupBy(m => m.Code).Select(g => g.OrderByDescending(m => m.Own).First()).OrderBy(m => m.Code, StringComparer.Ordinal)
            .Select(m => new SelectListItem($"{m.Code} — {m.Name}", m.Code)).ToList();
        return null;
    }
}
