using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Audit;
using ComplianceOs.AdminPortal.Escalation;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Notifications.Reminders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Escalation;

/// <summary>
/// The tenant's escalation matrix and quiet hours, shown and replaced whole through <see cref="SetReminderSettingsHandler"/>
/// (validated all at once, audited with before and after). A refused form comes back with each problem beside its
/// field and a 400; nothing is saved.
/// </summary>
public sealed class IndexModel(CurrentAdmin admin, SetReminderSettingsHandler handler) : PageModel
{
    [BindProperty]
    public List<StageRow> Stages { get; set; } = [];

    [BindProperty]
    public string? QuietFrom { get; set; }

    [BindProperty]
    public string? QuietUntil { get; set; }

    [BindProperty]
    public bool QuietOnSundays { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public ReminderSettings Current { get; private set; } = null!;

    /// <summary>No matrix was ever saved: the product's defaults are in force.</summary>
    public bool IsDefault { get; private set; }

    public TenantZone Zone { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadCurrentAsync(ct);
        Stages = EscalationForm.RowsFor(Current);
        QuietFrom = Current.QuietFrom.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        QuietUntil = Current.QuietUntil.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        QuietOnSundays = Current.QuietOnSundays;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Saved = false;
        if (ModelState.IsValid)
        {
            var (command, problems, rowOfStage) = EscalationForm.ToCommand(Stages, QuietFrom, QuietUntil, QuietOnSundays);
            foreach (var (field, message) in problems)
            {
                ModelState.AddModelError(field, message);
            }

            if (command is not null)
            {
                var result = await handler.HandleAsync(admin.Command(), command, ct);
                if (result.Succeeded)
                {
                    return RedirectToPage(new { saved = true });
                }

                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(EscalationForm.FieldOf(error, rowOfStage), EscalationForm.MessageOf(error));
                }

                if (result.Errors.Any(e => e is ForbiddenError))
                {
                    Response.StatusCode = StatusCodes.Status403Forbidden;
                }
            }
        }

        if (Response.StatusCode != StatusCodes.Status403Forbidden)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadCurrentAsync(ct);
        Stages = EscalationForm.WithBlankRows(Stages);
        return Page();
    }

    private async Task LoadCurrentAsync(CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Zone = await TenantZone.LoadAsync(db, ct);
        var row = await db.ReminderSettings.AsNoTracking().SingleOrDefaultAsync(ct);
        IsDefault = row is null;
        Current = row ?? ReminderSettings.Defaults(admin.TenantId);
    }
}
