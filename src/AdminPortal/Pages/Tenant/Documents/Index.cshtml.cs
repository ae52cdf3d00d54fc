using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Rag.Ingestion;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Documents;

/// <summary>
/// The tenant's reference documents in the assistant's knowledge (and the global ones, read-only), and the upload of a
/// new one. Everything is read under the admin's own tenant scope, so another tenant's documents never appear.
/// </summary>
[RequestSizeLimit(DocumentUpload.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = DocumentUpload.MaxRequestBytes)]
public sealed class IndexModel(CurrentAdmin admin, KnowledgeIngestor ingestor) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public IReadOnlyList<KnowledgeDocument> Own { get; private set; } = [];

    public IReadOnlyList<KnowledgeDocument> Global { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var key = Upload is null ? string.Empty : DocumentUpload.SourceKey(DocumentUpload.FileName(Upload));
        if (Upload is not null && await ExistsAsync(key, ct))
        {
            ModelState.AddModelError(nameof(Upload), $"A document named {DocumentUpload.FileName(Upload)} is already here: use Replace on it, or rename the file.");
            return await RefusedAsync(StatusCodes.Status409Conflict, ct);
        }

        var (document, problem) = await DocumentUpload.ReadAsync(Upload, admin.TenantId, key, ct);
        if (document is null)
        {
            ModelState.AddModelError(nameof(Upload), problem!);
            return await RefusedAsync(StatusCodes.Status400BadRequest, ct);
        }

        var result = await ingestor.IngestAsync(document, admin.Command().Actor, Channel.Portal, ct);
        Notice = $"{document.Title} added to the assistant's knowledge ({DocumentUpload.Passages(result.Chunks)}).";
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync(int status, CancellationToken ct)
    {
        Response.StatusCode = status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> ExistsAsync(string sourceKey, CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        return await db.KnowledgeDocuments.AnyAsync(d => d.TenantId == admin.TenantId && d.SourceKey == sourceKey, ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tenantId = admin.TenantId;
        Own = await db.KnowledgeDocuments.AsNoTracking().Where(d => d.TenantId == tenantId).OrderBy(d => d.Title).ToListAsync(ct);
        Global = await db.KnowledgeDocuments.AsNoTracking().Where(d => d.TenantId == null).OrderBy(d => d.Kind).ThenBy(d => d.Title).ToListAsync(ct);
    }
}
