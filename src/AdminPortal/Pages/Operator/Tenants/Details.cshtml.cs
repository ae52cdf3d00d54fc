using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Forms;
using ComplianceOs.Domain.Channels.Slack;
using ComplianceOs.Domain.Channels.Slack.IssueInstallLink;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Tenancy.AddTeamsTenantId;
using ComplianceOs.Domain.Tenancy.DeactivateTenant;
using ComplianceOs.Domain.Tenancy.RemoveTeamsTenantId;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.AdminPortal.Pages.Operator.Tenants;

/// <summary>
/// One tenant, for the operator: its Teams tenant ids (add, remove), its Slack workspaces and install links (issue
/// one), and deactivation. Each change is a domain command, audited in the tenant's chain and the platform's.
/// </summary>
public sealed class DetailsModel(
    CurrentAdmin admin,
    ComplianceDbFactory dbs,
    AddTeamsTenantIdHandler addTeams,
    RemoveTeamsTenantIdHandler removeTeams,
    DeactivateTenantHandler deactivate,
    IssueSlackInstallLinkHandler issueLink,
    TimeProvider clock) : PageModel
{
    public const string SlackLinkKey = "SlackLink";

    private static readonly Dictionary<string, FormField> TeamsFields = new() { ["teamsTenantId"] = new(nameof(TeamsTenantId), "Teams tenant id") };

    private static readonly Dictionary<string, FormField> DeactivateFields = new() { ["tenant"] = new(nameof(ConfirmDeactivate), "The tenant") };

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? TeamsTenantId { get; set; }

    [BindProperty]
    public bool ConfirmDeactivate { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public Domain.Tenancy.Tenant Tenant { get; private set; } = null!;

    public IReadOnlyList<string> TeamsTenantIds { get; private set; } = [];

    public IReadOnlyList<SlackWorkspaceRow> SlackWorkspaces { get; private set; } = [];

    public IReadOnlyList<SlackInstallLink> InstallLinks { get; private set; } = [];

    /// <summary>The link just issued: shown once, on the answer to the request that issued it.</summary>
    public SlackInstallLinkIssued? IssuedLink { get; private set; }

    public Instant Now => Instant.FromDateTimeOffset(clock.GetUtcNow());

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddTeamsAsync(CancellationToken ct)
    {
        var result = await addTeams.HandleAsync(admin.Platform(), new AddTeamsTenantIdCommand(Id, TeamsTenantId ?? string.Empty), ct);
        if (result.Value is null)
        {
            return await RefusedAsync(CommandErrors.AddTo(ModelState, result.Errors, TeamsFields), ct);
        }

        Notice = $"Teams tenant {result.Value.TeamsTenantId} added.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRemoveTeamsAsync(CancellationToken ct)
    {
        var result = await removeTeams.HandleAsync(admin.Platform(), new RemoveTeamsTenantIdCommand(Id, TeamsTenantId ?? string.Empty), ct);
        if (result.Value is null)
        {
            return await RefusedAsync(CommandErrors.AddTo(ModelState, result.Errors, TeamsFields), ct);
        }

        Notice = $"Teams tenant {result.Value.TeamsTenantId} removed.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostIssueSlackLinkAsync(CancellationToken ct)
    {
        var result = await issueLink.HandleAsync(admin.Platform(), Id, new IssueSlackInstallLinkCommand(admin.Name), ct);
        if (result.Value is null)
        {
            return await RefusedAsync(CommandErrors.AddTo(ModelState, result.Errors, new Dictionary<string, FormField>()), ct, SlackLinkKey);
        }

        // Not redirected: the URL is shown on this answer only, never put in a cookie or a query string.
        IssuedLink = result.Value;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct)
    {
        if (!ConfirmDeactivate)
        {
            ModelState.AddModelError(nameof(ConfirmDeactivate), "Tick the box to confirm: the tenant's people lose the bot and the portal at once.");
            return await RefusedAsync(StatusCodes.Status400BadRequest, ct);
        }

        var result = await deactivate.HandleAsync(admin.Platform(), new DeactivateTenantCommand(Id), ct);
        if (result.Value is null)
        {
            return await RefusedAsync(CommandErrors.AddTo(ModelState, result.Errors, DeactivateFields), ct);
        }

        Notice = $"{result.Value.Name} deactivated.";
        return RedirectToPage(new { id = Id });
    }

    public string Show(Instant? at) => Times.Show(at, Tenant.TimeZone);

    /// <summary>The page again with the errors beside their fields (errors the form has no field for go to <paramref name="formKey"/>).</summary>
    private async Task<IActionResult> RefusedAsync(int status, CancellationToken ct, string? formKey = null)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (formKey is not null && ModelState.TryGetValue(string.Empty, out var whole))
        {
            foreach (var e in whole.Errors.ToList())
            {
                ModelState.AddModelError(formKey, e.ErrorMessage);
            }

            ModelState.Remove(string.Empty);
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Id == Guid.Empty)
        {
            return false;
        }

        // Platform scope within this tenant: the bindings, installations and links are tenant rows under row-level security.
        await using var db = dbs.ForPlatformWithinTenant(Id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == Id, ct);
        if (tenant is null)
        {
            return false;
        }

        Tenant = tenant;
        TeamsTenantIds = await db.TeamsTenantBindings.AsNoTracking().Where(b => b.TenantId == Id).OrderBy(b => b.TeamsTenantId).Select(b => b.TeamsTenantId).ToListAsync(ct);
        var bindings = await db.SlackWorkspaceBindings.AsNoTracking().Where(b => b.TenantId == Id).OrderBy(b => b.SlackTeamId).Select(b => b.SlackTeamId).ToListAsync(ct);
        var installations = await db.SlackInstallations.AsNoTracking().Where(i => i.TenantId == Id)
            .Select(i => new { i.TeamId, i.TeamName, i.InstalledAt }).ToDictionaryAsync(i => i.TeamId, ct);
        SlackWorkspaces = bindings
            .Select(teamId => installations.TryGetValue(teamId, out var i) ? new SlackWorkspaceRow(teamId, i.TeamName, i.InstalledAt) : new SlackWorkspaceRow(teamId, null, null))
            .ToList();
        InstallLinks = await db.SlackInstallLinks.AsNoTracking().Where(l => l.TenantId == Id).OrderByDescending(l => l.IssuedAt).Take(10).ToListAsync(ct);
        return true;
    }

    /// <summary>A workspace bound to the tenant; <see cref="InstalledAt"/> is null for one bound by hand (a demo workspace) rather than installed.</summary>
    public sealed record SlackWorkspaceRow(string TeamId, string? TeamName, Instant? InstalledAt);
}
