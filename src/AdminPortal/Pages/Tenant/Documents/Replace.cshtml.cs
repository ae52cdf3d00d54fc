using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Rag.Ingestion;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.AdminPortal.Pages.Tenant.Documents;

/// <summary>
/// Replaces one of the tenant's documents with a new file: the same source key, so the ingestor swaps its passages in
/// one transaction (audited as replaced). A document of another tenant, or a global one, is "not found": looked up
/// under the admin's own tenant scope and required to be the tenant's own.
/// </summary>
[RequestSizeLimit(DocumentUpload.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = DocumentUpload.MaxRequestBytes)]
public sealed class ReplaceModel(CurrentAdmin admin, KnowledgeIngestor ingestor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public KnowledgeDocument Document { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var (document, problem) = await DocumentUpload.ReadAsync(Upload, admin.TenantId, Document.SourceKey, ct);
        if (document is null)
        {
            ModelState.AddModelError(nameof(Upload), problem!);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await ingestor.IngestAsync(document, admin.Command().Actor, Channel.Portal, ct);
        Notice = result.Outcome == IngestOutcome.Unchanged
            ? $"{document.Title}: the new file has the same content; nothing changed."
            : $"{document.Title} replaced ({DocumentUpload.Passages(result.Chunks)}).";
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        await using var db = admin.TenantDb();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tenantId = admin.TenantId;
        var document = await db.KnowledgeDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == Id && d.TenantId == tenantId, ct);
        if (document is null)
        {
            return false;
        }

        Document = document;
        return true;
    }
}
