using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Forms;
using ComplianceOs.AdminPortal.People;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.People.UpdateUser;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.AdminPortal.Pages.Tenant.People;

/// <summary>
/// One person: details, roles, entity access, identities and channel in one form; and, for an admin, a portal
/// password. Every handler first finds the person in the admin's own tenant, so another tenant's id gets a 404.
/// </summary>
public sealed class EditModel(CurrentAdmin admin, UpdateUserHandler update, PortalPasswords passwords, TimeProvider clock) : PageModel, IPersonFormPage
{
    public const string PasswordField = "NewPassword";

    public User Person { get; private set; } = null!;

    public PersonForm Form { get; private set; } = new();

    public IReadOnlyList<EntityOption> Entities { get; private set; } = [];

    public bool IsEdit => true;

    /// <summary>The person's portal sign-in, if they have one: when they last used it and whether it is locked.</summary>
    public (Instant? LastSignInAt, Instant? LockedUntil)? Credential { get; private set; }

    public bool IsLocked => Credential?.LockedUntil is { } until && until > Instant.FromDateTimeOffset(clock.GetUtcNow());

    public bool IsSelf => Person.Id == admin.UserId;

    /// <summary>What was just saved (after the redirect that follows a save); read on GET only.</summary>
    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(id, keepForm: false, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Form.Roles = [];
        await TryUpdateModelAsync(Form, PersonForm.Prefix);
        if (!await LoadAsync(id, keepForm: true, ct) || Form.EntityIds.Any(e => Entities.All(o => o.Id != e)))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            CommandErrors.BadInput(this);
            return Page();
        }

        var result = await update.HandleAsync(admin.Command(), Form.ToUpdate(id), ct);
        if (!result.Succeeded)
        {
            return CommandErrors.Apply(this, result.Errors, PersonForm.KeyOf) ?? Page();
        }

        return RedirectToPage("Edit", new { id, saved = "updated" });
    }

    public async Task<IActionResult> OnPostPasswordAsync(Guid id, string? newPassword, CancellationToken ct)
    {
        if (!await LoadAsync(id, keepForm: false, ct))
        {
            return NotFound();
        }

        var result = await passwords.SetForUserAsync(admin.Command(), id, newPassword ?? string.Empty, ct);
        if (!result.Succeeded)
        {
            return CommandErrors.Apply(this, result.Errors, _ => PasswordField) ?? Page();
        }

        // A new password ends the sessions signed in with the old one: setting your own signs you out here too.
        return id == admin.UserId ? Redirect("/Account/SignIn") : RedirectToPage("Edit", new { id, saved = "password" });
    }

    private async Task<bool> LoadAsync(Guid id, bool keepForm, CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var person = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.EntityAccess).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (person is null)
        {
            return false;
        }

        Person = person;
        if (!keepForm)
        {
            Form = PersonForm.From(person);
        }

        Entities = await EntityOption.LoadAsync(db, ct);
        Credential = await db.PortalCredentials.AsNoTracking()
            .Where(c => c.TenantId == admin.TenantId && c.UserId == id)
            .Select(c => new { c.LastSignInAt, c.LockedUntil })
            .ToListAsync(ct) is [var c] ? (c.LastSignInAt, c.LockedUntil) : null;
        return true;
    }
}
