using System.ComponentModel.DataAnnotations;
using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Forms;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Tenancy.CreateTenant;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.AdminPortal.Pages.Operator.Tenants;

/// <summary>Every tenant on the platform, and the form that creates one (audited in the platform chain).</summary>
public sealed class IndexModel(CurrentAdmin admin, ComplianceDbFactory dbs, CreateTenantHandler create) : PageModel
{
    private static readonly Dictionary<string, FormField> Fields = new()
    {
        ["name"] = new("Input.Name", "Name"),
        ["timeZone"] = new("Input.TimeZone", "Time zone"),
        ["teamsTenantIds"] = new("Input.TeamsTenantIds", "Teams tenant id"),
    };

    [BindProperty]
    public NewTenant Input { get; set; } = new();

    public IReadOnlyList<Domain.Tenancy.Tenant> Tenants { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Tenants = await ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var teamsIds = (Input.TeamsTenantIds ?? string.Empty)
            .Split(['\n', ',', ' ', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = ModelState.IsValid
            ? await create.HandleAsync(admin.Platform(), new CreateTenantCommand(Input.Name ?? string.Empty, Input.TimeZone, teamsIds), ct)
            : null;
        if (result?.Value is not { } tenant)
        {
            Response.StatusCode = result is null ? StatusCodes.Status400BadRequest : CommandErrors.AddTo(ModelState, result.Errors, Fields);
            Tenants = await ListAsync(ct);
            return Page();
        }

        Notice = $"{tenant.Name} created.";
        return RedirectToPage("Details", new { id = tenant.Id });
    }

    private async Task<IReadOnlyList<Domain.Tenancy.Tenant>> ListAsync(CancellationToken ct)
    {
        await using var db = dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        return await db.Tenants.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
    }

    public static string Created(Instant at) => Times.Show(at, Domain.Tenancy.Tenant.DefaultTimeZone);

    public sealed class NewTenant
    {
        [Display(Name = "Name")]
        [Required(ErrorMessage = "Name is required")]
        [StringLength(200, ErrorMessage = "Name is longer than 200 characters")]
        public string? Name { get; set; }

        [Display(Name = "Time zone")]
        public string? TimeZone { get; set; } = Domain.Tenancy.Tenant.DefaultTimeZone;

        [Display(Name = "Teams tenant ids")]
        public string? TeamsTenantIds { get; set; }
    }
}
