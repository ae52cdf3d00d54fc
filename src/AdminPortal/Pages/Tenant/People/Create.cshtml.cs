using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Forms;
using ComplianceOs.AdminPortal.People;
using ComplianceOs.Domain.People.CreateUser;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplianceOs.AdminPortal.Pages.Tenant.People;

/// <summary>A new person with roles, entity access, chat identities and preferred channel.</summary>
public sealed class CreateModel(CurrentAdmin admin, CreateUserHandler create) : PageModel, IPersonFormPage
{
    public PersonForm Form { get; private set; } = new() { Roles = ["Owner"] };

    public IReadOnlyList<EntityOption> Entities { get; private set; } = [];

    public bool IsEdit => false;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Form.Roles = [];
        await TryUpdateModelAsync(Form, PersonForm.Prefix);
        await LoadAsync(ct);
        if (Form.EntityIds.Any(id => Entities.All(e => e.Id != id)))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            CommandErrors.BadInput(this);
            return Page();
        }

        var result = await create.HandleAsync(admin.Command(), Form.ToCreate(), ct);
        if (!result.Succeeded)
        {
            return CommandErrors.Apply(this, result.Errors, PersonForm.KeyOf) ?? Page();
        }

        return RedirectToPage("Edit", new { id = result.Value!.Id, saved = "created" });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Entities = await EntityOption.LoadAsync(db, ct);
    }
}
