using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Masters;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Masters.PreviewDueDates;
using ComplianceOs.Domain.Masters.SaveCustomMaster;
using ComplianceOs.Domain.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Masters;

/// <summary>
/// The rule editor: a new custom master, an edit of the tenant's own, or an override of a global one. "Validate and
/// preview" checks the rule as typed and shows the next twelve due dates the rule engine gives a chosen entity,
/// without saving; "Save" saves through <see cref="SaveCustomMasterHandler"/>. Failures re-render with each problem
/// beside its field and a 4xx; an id that is not this tenant's is not found.
/// </summary>
public sealed class EditModel(CurrentAdmin admin, SaveCustomMasterHandler save, PreviewDueDatesHandler preview) : PageModel
{
    public static readonly IReadOnlyList<string> Frequencies =
        [nameof(ComplianceFrequency.Monthly), nameof(ComplianceFrequency.Quarterly), nameof(ComplianceFrequency.HalfYearly), nameof(ComplianceFrequency.Annual), nameof(ComplianceFrequency.EventBased), nameof(ComplianceFrequency.Instalments)];

    [BindProperty]
    public MasterForm Input { get; set; } = new();

    [BindProperty]
    public Guid? PreviewEntityId { get; set; }

    /// <summary>The first day of the preview (YYYY-MM-DD); the tenant's today when empty.</summary>
    [BindProperty]
    public string? PreviewFrom { get; set; }

    /// <summary>The global master of the same code, when this form overrides one.</summary>
    public ComplianceMaster? Base { get; private set; }

    /// <summary>The tenant's own master being edited.</summary>
    public ComplianceMaster? Existing { get; private set; }

    public IReadOnlyList<SelectListItem> Entities { get; private set; } = [];

    public DueDatePreview? Preview { get; private set; }

    public bool CodeIsFixed => Existing is not null || Base is not null;

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? from, CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (id is { } ownId)
        {
            var own = await db.ComplianceMasters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == ownId && m.TenantId == admin.TenantId, ct);
            if (own is null)
            {
                return NotFound();
            }

            Input = MasterForm.Of(own, edit: true);
        }
        else if (from is { } globalId)
        {
            var global = await db.ComplianceMasters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == globalId && m.TenantId == null, ct);
            if (global is null)
            {
                return NotFound();
            }

            var already = await db.ComplianceMasters.AsNoTracking().Where(m => m.TenantId == admin.TenantId && m.Code == global.Code).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct);
            if (already is { } overrideId)
            {
                return RedirectToPage(new { id = overrideId });
            }

            Input = MasterForm.Of(global, edit: false);
        }

        var shown = await ShowAsync(db, ct);
        PreviewEntityId ??= Entities.Count > 0 ? Guid.Parse(Entities[0].Value) : null;
        return shown ?? Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await using (var db = admin.TenantDb())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await ShowAsync(db, ct) is { } notFound)
            {
                return notFound;
            }
        }

        var from = ParsePreviewFrom();
        if (PreviewEntityId is null)
        {
            ModelState.AddModelError(nameof(PreviewEntityId), "Choose the entity to preview the dates for.");
        }

        if (!ModelState.IsValid)
        {
            return Invalid(StatusCodes.Status400BadRequest);
        }

        var result = await preview.HandleAsync(admin.Command(), new PreviewDueDatesQuery(PreviewEntityId!.Value, Input.Frequency, Input.DueDateRule, Input.Applicability, from), ct);
        if (!result.Succeeded)
        {
            return Failed(result.Errors);
        }

        Preview = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        await using (var db = admin.TenantDb())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await ShowAsync(db, ct) is { } notFound)
            {
                return notFound;
            }

            var code = Input.Code?.Trim().ToUpperInvariant();
            if (Existing is null && await db.ComplianceMasters.AnyAsync(m => m.TenantId == admin.TenantId && m.Code == code && m.IsActive, ct))
            {
                // Saving is by code, so a second "new" master with the code would silently overwrite the first.
                ModelState.AddModelError($"{nameof(Input)}.{nameof(MasterForm.Code)}", $"You already have a master {code}; edit it instead.");
                return Invalid(StatusCodes.Status409Conflict);
            }
        }

        var result = await save.HandleAsync(admin.Command(), Input.ToCommand(), ct);
        if (!result.Succeeded)
        {
            return Failed(result.Errors);
        }

        TempData["Notice"] = $"{result.Value!.Code} is saved and in force; the next generation run creates its obligations.";
        return RedirectToPage("Details", new { id = result.Value.Id });
    }

    /// <summary>
    /// Loads what the form shows beside the input: the entities, the master being edited (the posted id must be the
    /// tenant's own, and its code cannot change) and the global master a code overrides. Null when all is there.
    /// </summary>
    private async Task<IActionResult?> ShowAsync(ComplianceDb db, CancellationToken ct)
    {
        if (Input.Id is { } id)
        {
            Existing = await db.ComplianceMasters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.TenantId == admin.TenantId, ct);
            if (Existing is null)
            {
                return NotFound();
            }

            Input.Code = Existing.Code;
        }

        var code = Input.Code?.Trim().ToUpperInvariant();
        Base = string.IsNullOrEmpty(code) ? null : await db.ComplianceMasters.AsNoTracking().SingleOrDefaultAsync(m => m.TenantId == null && m.Code == code, ct);
        var entities = await db.LegalEntities.AsNoTracking().Where(e => e.IsActive).OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        Entities = entities.Select(e => new SelectListItem(e.Name, e.Id.ToString())).ToList();
        return null;
    }

    private NodaTime.LocalDate? ParsePreviewFrom()
    {
        if (string.IsNullOrWhiteSpace(PreviewFrom))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(PreviewFrom.Trim());
        if (parsed.Success)
        {
            return parsed.Value;
        }

        ModelState.AddModelError(nameof(PreviewFrom), $"'{PreviewFrom}' is not a date (YYYY-MM-DD).");
        return null;
    }

    private IActionResult Failed(IReadOnlyList<Error> errors)
    {
        var status = FieldErrors.StatusOf(errors);
        if (status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        FieldErrors.AddTo(ModelState, errors, nameof(Input), MasterForm.Properties);
        return Invalid(status);
    }

    private PageResult Invalid(int status)
    {
        Response.StatusCode = status;
        return Page();
    }
}
