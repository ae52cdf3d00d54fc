using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Entities;
using ComplianceOs.AdminPortal.Forms;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Entities.PreviewObligations;
using ComplianceOs.Domain.Entities.RecordAgm;
using ComplianceOs.Domain.Entities.UpdateLegalEntity;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.People.GrantEntityAccess;
using ComplianceOs.Domain.People.RevokeEntityAccess;
using ComplianceOs.Domain.Instances.Generate;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Entities;

/// <summary>
/// One legal entity: its details (previewed, then saved), its AGMs, and who has access to it. Every handler first
/// finds the entity in the admin's own tenant, so another tenant's id gets a 404 before anything else happens.
/// </summary>
public sealed class EditModel(
    CurrentAdmin admin,
    UpdateLegalEntityHandler update,
    PreviewObligationsHandler preview,
    RecordAgmHandler recordAgm,
    GrantEntityAccessHandler grant,
    RevokeEntityAccessHandler revoke,
    GenerateForEntityHandler generate,
    TimeProvider clock) : PageModel, IEntityFormPage
{
    public const string GrantField = "GrantUserId";

    public LegalEntity Entity { get; private set; } = null!;

    public EntityForm Form { get; private set; } = new();

    public IReadOnlyList<PersonOption> People { get; private set; } = [];

    public IReadOnlyList<PreviewedObligation>? Preview { get; private set; }

    public bool IsEdit => true;

    public AgmForm Agm { get; private set; } = new();

    public IReadOnlyList<LocalDate> AgmYearEnds { get; private set; } = [];

    public IReadOnlyList<AccessRow> Access { get; private set; } = [];

    /// <summary>Active people without a grant to this entity.</summary>
    public IReadOnlyList<PersonOption> Grantable { get; private set; } = [];

    /// <summary>What was just saved (after the redirect that follows a save); read on GET only.</summary>
    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(id, keepForm: false, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken ct)
    {
        if (await BindFormAsync(id, ct) is { } refused)
        {
            return refused;
        }

        var result = await preview.HandleAsync(admin.Command(), new PreviewObligationsQuery(Form.ToCommand(), Form.IsActive, id), ct);
        if (!result.Succeeded)
        {
            return CommandErrors.Apply(this, result.Errors, Form.KeyOf) ?? Page();
        }

        Preview = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await BindFormAsync(id, ct) is { } refused)
        {
            return refused;
        }

        var result = await update.HandleAsync(admin.Command(), new UpdateLegalEntityCommand(id, Form.Stamp ?? string.Empty, Form.ToCommand(), Form.IsActive), ct);
        if (!result.Succeeded)
        {
            return CommandErrors.Apply(this, result.Errors, Form.KeyOf) ?? Page();
        }

        // An obligation switched on by this change gets its instances from today on (nothing new is created otherwise;
        // a retired entity gets none).
        if (Form.IsActive)
        {
            await generate.HandleAsync(admin.Command(), id, ct);
        }

        return RedirectToPage("Edit", new { id, saved = "updated" });
    }

    public async Task<IActionResult> OnPostRecordAgmAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, keepForm: false, ct))
        {
            return NotFound();
        }

        await TryUpdateModelAsync(Agm, AgmForm.Prefix);
        if (ModelState.IsValid && Agm.FinancialYearEnd is null)
        {
            ModelState.AddModelError($"{AgmForm.Prefix}.{nameof(AgmForm.FinancialYearEnd)}", "Choose the financial year whose accounts the AGM adopted");
        }

        if (ModelState.IsValid && Agm.HeldOn is null)
        {
            ModelState.AddModelError($"{AgmForm.Prefix}.{nameof(AgmForm.HeldOn)}", "Enter the date the AGM was held");
        }

        if (!ModelState.IsValid)
        {
            CommandErrors.BadInput(this);
            return Page();
        }

        var result = await recordAgm.HandleAsync(
            admin.Command(), new RecordAgmCommand(id, LocalDate.FromDateOnly(Agm.FinancialYearEnd!.Value), LocalDate.FromDateOnly(Agm.HeldOn!.Value)), ct);
        if (!result.Succeeded)
        {
            return CommandErrors.Apply(this, result.Errors, AgmForm.KeyOf) ?? Page();
        }

        return RedirectToPage("Edit", new { id, saved = "agm" });
    }

    public async Task<IActionResult> OnPostGrantAsync(Guid id, Guid? grantUserId, CancellationToken ct)
    {
        if (!await LoadAsync(id, keepForm: false, ct))
        {
            return NotFound();
        }

        if (grantUserId is not { } userId)
        {
            ModelState.AddModelError(GrantField, "Choose a person");
            CommandErrors.BadInput(this);
            return Page();
        }

        var result = await grant.HandleAsync(admin.Command(), new GrantEntityAccessCommand(userId, id), ct);
        if (!result.Succeeded)
        {
            return CommandErrors.Apply(this, result.Errors, _ => GrantField) ?? Page();
        }

        return RedirectToPage("Edit", new { id, saved = "granted" });
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid userId, CancellationToken ct)
    {
        if (!await LoadAsync(id, keepForm: false, ct))
        {
            return NotFound();
        }

        var result = await revoke.HandleAsync(admin.Command(), new RevokeEntityAccessCommand(userId, id), ct);
        if (!result.Succeeded)
        {
            return CommandErrors.Apply(this, result.Errors, _ => null) ?? Page();
        }

        return RedirectToPage("Edit", new { id, saved = "revoked" });
    }

    /// <returns>The response instead of going on: 404 for an entity or a person not of this tenant, the page with 400 for input the binder refused.</returns>
    private async Task<IActionResult?> BindFormAsync(Guid id, CancellationToken ct)
    {
        await TryUpdateModelAsync(Form, EntityForm.Prefix);
        if (!await LoadAsync(id, keepForm: true, ct) || Form.PeopleNamed().Any(p => People.All(o => o.Id != p)))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            CommandErrors.BadInput(this);
            return Page();
        }

        return null;
    }

    private async Task<bool> LoadAsync(Guid id, bool keepForm, CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entity = await db.LegalEntities.AsNoTracking().Include(e => e.GstRegistrations).Include(e => e.AgmRecords).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (entity is null)
        {
            return false;
        }

        Entity = entity;
        if (!keepForm)
        {
            Form = EntityForm.From(entity);
        }

        Form.PadGstinRows();
        People = await PersonOption.LoadAsync(db, ct);
        var granted = await db.EntityAccess.AsNoTracking().Where(a => a.EntityId == id).ToListAsync(ct);
        var people = await db.Users.AsNoTracking().Include(u => u.Roles).Where(u => granted.Select(a => a.UserId).Contains(u.Id)).ToListAsync(ct);
        Access = [.. granted.Join(people, a => a.UserId, u => u.Id, (a, u) => new AccessRow(u.Id, u.Name, [.. u.Roles.Select(r => r.Role).Order()], u.IsActive, a.GrantedAt))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)];
        Grantable = [.. People.Where(p => p.IsActive && granted.All(a => a.UserId != p.Id))];
        AgmYearEnds = AgmForm.RecentYearEnds(entity.FinancialYearEndMonth, await RecomputeTenantHandler.TenantTodayAsync(db, clock, ct));
        return true;
    }
}
