using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Entities;
using ComplianceOs.AdminPortal.Forms;
using ComplianceOs.Domain.Entities.CreateLegalEntity;
using ComplianceOs.Domain.Entities.PreviewObligations;
using ComplianceOs.Domain.Instances.Generate;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Entities;

/// <summary>A new legal entity: previewed (which obligations it will have) and saved from the same form.</summary>
public sealed class CreateModel(CurrentAdmin admin, CreateLegalEntityHandler create, PreviewObligationsHandler preview, GenerateForEntityHandler generate) : PageModel, IEntityFormPage
{
    public EntityForm Form { get; private set; } = new();

    public IReadOnlyList<PersonOption> People { get; private set; } = [];

    public IReadOnlyList<PreviewedObligation>? Preview { get; private set; }

    public bool IsEdit => false;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (await BindAsync(ct) is { } refused)
        {
            return refused;
        }

        var result = await preview.HandleAsync(admin.Command(), new PreviewObligationsQuery(Form.ToCommand()), ct);
        if (!result.Succeeded)
        {
            return CommandErrors.Apply(this, result.Errors, Form.KeyOf) ?? Page();
        }

        Preview = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await BindAsync(ct) is { } refused)
        {
            return refused;
        }

        var result = await create.HandleAsync(admin.Command(), Form.ToCommand(), ct);
        if (!result.Succeeded)
        {
            return CommandErrors.Apply(this, result.Errors, Form.KeyOf) ?? Page();
        }

        // Its obligations from today on, as far as the daily generation has reached for the tenant's other entities.
        await generate.HandleAsync(admin.Command(), result.Value!.Id, ct);
        return RedirectToPage("Edit", new { id = result.Value!.Id, saved = "created" });
    }

    /// <returns>The response instead of going on: the page with 400 for input the binder refused, 404 for a person of another tenant.</returns>
    private async Task<IActionResult?> BindAsync(CancellationToken ct)
    {
        await TryUpdateModelAsync(Form, EntityForm.Prefix);
        await LoadAsync(ct);
        if (Form.PeopleNamed().Any(id => People.All(p => p.Id != id)))
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

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        People = await PersonOption.LoadAsync(db, ct);
        Form.PadGstinRows();
    }
}
