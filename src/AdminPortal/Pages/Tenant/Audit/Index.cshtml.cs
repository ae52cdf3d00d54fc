using System.Net.Mime;
using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Audit;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Audit;

/// <summary>
/// The tenant's audit trail: filtered by GET parameters (bookmarkable), a hundred entries a page newest first, the
/// same filters exported as CSV, and a one-click check of the hash chain (a POST, itself audited).
/// </summary>
public sealed class IndexModel(CurrentAdmin admin, AuditChainVerifier verifier, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "entity")]
    public string? EntityText { get; set; }

    [BindProperty(SupportsGet = true, Name = "instance")]
    public string? InstanceText { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserText { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionText { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? FromText { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? ToText { get; set; }

    [BindProperty(SupportsGet = true, Name = "before")]
    public string? BeforeText { get; set; }

    [BindProperty(SupportsGet = true, Name = "verification")]
    public string? VerificationText { get; set; }

    public AuditFilter Filter { get; private set; } = AuditFilter.None;

    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    public AuditPage Results { get; private set; } = new([], null);

    public AuditLabels Labels { get; private set; } = new();

    public TenantZone Zone { get; private set; } = null!;

    public IReadOnlyList<(Guid Id, string Name)> Entities { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> People { get; private set; } = [];

    public string? InstanceName { get; private set; }

    public ChainVerificationShown? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (filter, problems) = AuditFilter.Parse(Input());
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LoadChoicesAsync(db, ct);
        if (filter is null)
        {
            Problems = problems;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Filter = filter;
        if (!string.IsNullOrWhiteSpace(VerificationText))
        {
            Verification = Guid.TryParse(VerificationText, out var id) ? await ShownAsync(db, id, ct) : null;
            if (Verification is null)
            {
                // Not this tenant's check (or none at all): the same answer either way.
                return NotFound();
            }
        }

        Results = await AuditTrailSearch.PageAsync(db, filter, Zone.Zone, ct);
        Labels = await AuditLabels.LoadAsync(db, Results.Entries, ct);
        if (filter.InstanceId is { } instance)
        {
            InstanceName = await (from i in db.ComplianceInstances.AsNoTracking()
                                  join m in db.ComplianceMasters on i.MasterId equals m.Id
                                  join e in db.LegalEntities on i.EntityId equals e.Id
                                  where i.Id == instance
                                  select m.Code + " " + i.PeriodKey + " · " + e.Name).SingleOrDefaultAsync(ct);
        }

        return Page();
    }

    /// <summary>The filtered entries as a CSV download, in chain order; bad filters get a 400 with the reasons as text.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var (filter, problems) = AuditFilter.Parse(Input());
        if (filter is null)
        {
            return new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = "The export was not made: " + string.Join(" ", problems.Select(p => $"{p.Key}: {p.Value}")),
            };
        }

        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var zone = await TenantZone.LoadAsync(db, ct);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue(DispositionTypeNames.Attachment)
        {
            FileName = $"audit-trail-{zone.Today(clock):uuuu-MM-dd}.csv",
        }.ToString();
        await using (var writer = new StreamWriter(Response.Body, AuditCsv.Encoding, bufferSize: 16 * 1024, leaveOpen: true))
        {
            await AuditCsv.WriteAsync(writer, AuditTrailSearch.StreamAsync(db, filter, zone.Zone), ct);
            await writer.FlushAsync(ct);
        }

        return new EmptyResult();
    }

    /// <summary>Verifies the chain, records that it did, and shows the result with the filters the admin had.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        var (filter, _) = AuditFilter.Parse(Input());
        await using var db = admin.TenantDb();
        var (entry, _) = await ChainVerification.RunAsync(db, admin.Command(), verifier, audit, ct);
        var values = (filter ?? AuditFilter.None).ToQuery(filter?.Before);
        values["verification"] = entry.Id.ToString();
        return RedirectToPage(values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => (object?)v.Value));
    }

    public string Link(IReadOnlyDictionary<string, string?> values) =>
        Url.Page("/Tenant/Audit/Index", values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => (object?)v.Value))!;

    /// <summary>This page with the current filters plus (or with one replaced by) <paramref name="name"/>=<paramref name="value"/>.</summary>
    public string With(string name, string? value, string? handler = null)
    {
        var values = Filter.ToQuery();
        values[name] = value;
        if (handler is not null)
        {
            values["handler"] = handler;
        }

        return Link(values);
    }

    private AuditFilterInput Input() => new(EntityText, InstanceText, UserText, ActionText, FromText, ToText, BeforeText);

    private async Task LoadChoicesAsync(ComplianceDb db, CancellationToken ct)
    {
        Zone = await TenantZone.LoadAsync(db, ct);
        Entities = (await db.LegalEntities.AsNoTracking().OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct)).Select(e => (e.Id, e.Name)).ToList();
        People = (await db.Users.AsNoTracking().OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct)).Select(u => (u.Id, u.Name)).ToList();
    }

    private static async Task<ChainVerificationShown?> ShownAsync(ComplianceDb db, Guid id, CancellationToken ct)
    {
        var entry = await db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.Action == AuditAction.AuditChainVerified, ct);
        return entry is not null && ChainVerification.Read(entry) is { } result
            ? new ChainVerificationShown(result, entry.Id, entry.Sequence, entry.ActorName, entry.OccurredAt)
            : null;
    }
}
