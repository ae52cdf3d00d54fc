using System.Net;
using System.Text;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Rag.Retrieval;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>
/// Tenant admins' reference documents: uploaded into the assistant's knowledge (checked by size and by content),
/// listed with the global ones, replaced, audited; and never shown to or replaceable by another tenant.
/// </summary>
public sealed class DocumentsPageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Page = "/Tenant/Documents";

    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Anita_UploadsMarkdownAndPdf_TheyAreListed_Searchable_AndAudited()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var md = $"travel-{Guid.NewGuid():N}.md";
        var pdf = $"lease-{Guid.NewGuid():N}.pdf";

        using (var response = await UploadAsync(anita, md, Markdown("Acme travel policy", "Field staff claim the zanzibar allowance on form TRV-77 within fifteen days.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using (var response = await UploadAsync(anita, pdf, Pdf("Warehouse leases carry the quokka clause: notice of ninety days before renewal.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var listing = WebUtility.HtmlDecode(await anita.GetPageAsync(Page));
        Assert.Contains("Acme travel policy", listing);
        Assert.Contains(pdf, listing);
        Assert.Contains("added to the assistant", listing);

        var markdown = await DocumentAsync(DemoWorld.Acme.TenantId, md);
        var lease = await DocumentAsync(DemoWorld.Acme.TenantId, pdf);
        Assert.Equal(KnowledgeKind.Markdown, markdown.Kind);
        Assert.Equal(KnowledgeKind.Pdf, lease.Kind);
        Assert.True(markdown.ChunkCount > 0 && lease.ChunkCount > 0);

        var retriever = _host.Services.GetRequiredService<HybridRetriever>();
        Assert.Contains(await retriever.RetrieveAsync(DemoWorld.Acme.TenantId, "zanzibar allowance"), p => p.DocumentId == markdown.Id);
        Assert.Contains(await retriever.RetrieveAsync(DemoWorld.Acme.TenantId, "quokka clause renewal notice"), p => p.DocumentId == lease.Id && p.Page == 1);
        Assert.DoesNotContain(await retriever.RetrieveAsync(DemoWorld.Bharat.TenantId, "zanzibar allowance"), p => p.DocumentId == markdown.Id);

        var audit = await AuditAsync(DemoWorld.Acme.TenantId);
        foreach (var id in new[] { markdown.Id, lease.Id })
        {
            var entry = Assert.Single(audit, a => a.TargetId == id.ToString());
            Assert.Equal(AuditAction.KnowledgeDocumentIngested, entry.Action);
            Assert.Equal(DemoWorld.Acme.AnitaId, entry.ActorId);
            Assert.Equal(Channel.Portal, entry.Channel);
        }
    }

    [Fact]
    public async Task TheGlobalDocuments_AreListed_ButCannotBeReplaced()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var global = await GlobalDocumentAsync();

        var listing = WebUtility.HtmlDecode(await anita.GetPageAsync(Page));
        Assert.Contains("Built-in knowledge", listing);
        Assert.Contains(global.Title, listing);
        Assert.DoesNotContain($"/Tenant/Documents/Replace/{global.Id}", listing);

        using var open = await anita.GetAsync($"{Page}/Replace/{global.Id}");
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
    }

    public static TheoryData<string, string, string> Refusals() => new()
    {
        { "invoice.pdf", "exe", "is not a PDF" },
        { "empty.md", "empty", "is empty" },
        { "big.pdf", "oversize", "at most 10 MB" },
        { "notes.exe", "markdown", "only PDF (.pdf) and Markdown (.md)" },
        { "latin1.md", "latin1", "not UTF-8 text" },
        { "nul.md", "nul", "binary content" },
        { "scan.pdf", "textless-pdf", "no text layer" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task BadFiles_AreRefusedWith400_AMessageBesideTheField_AndNothingIsStored(string name, string content, string message)
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        byte[] bytes = content switch
        {
            "exe" => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, .. new byte[512]],
            "empty" => [],
            "oversize" => [.. "%PDF-1.7\n"u8, .. new byte[(10 * 1024 * 1024) + 1]],
            "markdown" => Markdown("A title", "Some text."),
            "latin1" => [.. "# Caf"u8, 0xE9, .. " menu\n"u8],
            "nul" => [.. "# Notes\n"u8, 0, .. "more"u8],
            "textless-pdf" => Pdf(null),
            _ => throw new ArgumentOutOfRangeException(nameof(content)),
        };
        var documentsBefore = await CountDocumentsAsync(DemoWorld.Acme.TenantId);
        var auditBefore = (await AuditAsync(DemoWorld.Acme.TenantId)).Count;

        using var response = await UploadAsync(anita, name, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches($"""data-valmsg-for="Upload"[^>]*>[^<]*{System.Text.RegularExpressions.Regex.Escape(message)}""", body);
        Assert.Equal(documentsBefore, await CountDocumentsAsync(DemoWorld.Acme.TenantId));
        Assert.Equal(auditBefore, (await AuditAsync(DemoWorld.Acme.TenantId)).Count);
    }

    [Fact]
    public async Task AFileFarOverTheLimit_IsRefusedBeforeItIsRead_AndNothingIsStored()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var documentsBefore = await CountDocumentsAsync(DemoWorld.Acme.TenantId);

        using var response = await anita.PostFileAsync(Page, "Upload", "huge.pdf", [.. "%PDF-1.7\n"u8, .. new byte[12 * 1024 * 1024]], expectContinue: true);

        // Refused while the form is read (by the request's or the multipart body's limit), before any page code runs.
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync());
        Assert.Equal(documentsBefore, await CountDocumentsAsync(DemoWorld.Acme.TenantId));
    }

    [Fact]
    public async Task UploadingASecondFileOfTheSameName_IsRefused_ReplaceIsTheWay()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var name = $"gst-{Guid.NewGuid():N}.md";
        using (await UploadAsync(anita, name, Markdown("GST desk notes", "The first version mentions the pelican register.")))
        {
        }

        var before = await DocumentAsync(DemoWorld.Acme.TenantId, name);
        using var again = await UploadAsync(anita, name, Markdown("GST desk notes", "A second version."));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("use Replace", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.Equal(before.ContentHash, (await DocumentAsync(DemoWorld.Acme.TenantId, name)).ContentHash);
    }

    [Fact]
    public async Task Anita_ReplacesHerDocument_TheNewTextIsSearchable_TheOldIsGone_AndItIsAudited()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var name = $"payroll-{Guid.NewGuid():N}.md";
        using (await UploadAsync(anita, name, Markdown("Payroll calendar", "Salaries are paid on the flamingo day of each month.")))
        {
        }

        var original = await DocumentAsync(DemoWorld.Acme.TenantId, name);
        var replacePage = $"{Page}/Replace/{original.Id}";
        Assert.Contains("Payroll calendar", WebUtility.HtmlDecode(await anita.GetPageAsync(replacePage)));

        using (var bad = await anita.PostFileAsync(replacePage, "Upload", "payroll.pdf", "MZ-not-a-pdf"u8.ToArray()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var replaced = await anita.PostFileAsync(replacePage, "Upload", "payroll-v2.pdf", Pdf("Salaries are paid on the narwhal day of each month.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        }

        var after = await DocumentAsync(DemoWorld.Acme.TenantId, name);
        Assert.Equal(original.Id, after.Id);
        Assert.Equal(KnowledgeKind.Pdf, after.Kind);
        Assert.NotEqual(original.ContentHash, after.ContentHash);
        var retriever = _host.Services.GetRequiredService<HybridRetriever>();
        Assert.Contains(await retriever.RetrieveAsync(DemoWorld.Acme.TenantId, "narwhal day salaries"), p => p.DocumentId == after.Id);
        Assert.DoesNotContain(await retriever.RetrieveAsync(DemoWorld.Acme.TenantId, "flamingo day"), p => p.Text.Contains("flamingo", StringComparison.Ordinal));
        var audit = await AuditAsync(DemoWorld.Acme.TenantId);
        Assert.Equal(
            [AuditAction.KnowledgeDocumentIngested, AuditAction.KnowledgeDocumentReplaced],
            audit.Where(a => a.TargetId == original.Id.ToString()).Select(a => a.Action));
    }

    [Fact]
    public async Task Suresh_CannotSeeOrReplaceAcmesDocument_EvenByItsId()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var name = $"board-{Guid.NewGuid():N}.md";
        using (await UploadAsync(anita, name, Markdown("Acme board minutes", "The board approved the heron project.")))
        {
        }

        var acme = await DocumentAsync(DemoWorld.Acme.TenantId, name);
        using var suresh = await PortalWorld.SureshAsync(_host);

        var listing = WebUtility.HtmlDecode(await suresh.GetPageAsync(Page));
        Assert.DoesNotContain("Acme board minutes", listing);
        Assert.DoesNotContain(acme.Id.ToString(), listing);

        using var open = await suresh.GetAsync($"{Page}/Replace/{acme.Id}");
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.DoesNotContain("Acme board minutes", await open.Content.ReadAsStringAsync());

        // Posted with a token from Suresh's own page: the form is his, the id is Acme's.
        using var replace = await suresh.PostFileAsync($"{Page}/Replace/{acme.Id}", "Upload", name, Markdown("Hijacked", "Replaced by another tenant."), formPage: Page);
        Assert.Equal(HttpStatusCode.NotFound, replace.StatusCode);

        var after = await DocumentAsync(DemoWorld.Acme.TenantId, name);
        Assert.Equal(acme.ContentHash, after.ContentHash);
        Assert.Equal("Acme board minutes", after.Title);
        Assert.Equal(0, await CountDocumentsAsync(DemoWorld.Bharat.TenantId, "Hijacked"));
    }

    [Fact]
    public async Task TheOperator_IsNotATenantAdmin_AndGets403()
    {
        using var op = await PortalWorld.OperatorAsync(_host);
        using var response = await op.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>A Markdown document with a title heading.</summary>
    internal static byte[] Markdown(string title, string text) => Encoding.UTF8.GetBytes($"# {title}\n\n## Scope\n\n{text}\n");

    /// <summary>A one-page PDF with <paramref name="text"/> in its text layer (none: a page without text, like a scan).</summary>
    internal static byte[] Pdf(string? text)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        if (text is not null)
        {
            page.AddText(text, 11, new PdfPoint(40, 760), font);
        }

        return builder.Build();
    }

    private static Task<HttpResponseMessage> UploadAsync(PortalClient client, string name, byte[] bytes) =>
        client.PostFileAsync(Page, "Upload", name, bytes);

    private async Task<KnowledgeDocument> DocumentAsync(Guid tenant, string fileName)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.KnowledgeDocuments.AsNoTracking().SingleAsync(d => d.TenantId == tenant && d.SourceKey == "upload:" + fileName);
    }

    private async Task<KnowledgeDocument> GlobalDocumentAsync()
    {
        await using var db = fixture.Dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync();
        var global = await db.KnowledgeDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == null);
        if (global is not null)
        {
            return global;
        }

        // The demo seed ingests no knowledge: one global document, as the product's built-in notes would be.
        var ingested = await _host.Services.GetRequiredService<Rag.Ingestion.KnowledgeIngestor>().IngestAsync(
            new Rag.Ingestion.IngestDocument(null, "file:tests/global-note.md", "Global test note", KnowledgeKind.Markdown, null, [new Rag.Ingestion.TextChunk(0, null, null, "Global text.")]),
            Actor.System("tests"), Channel.Cli);
        return await db.KnowledgeDocuments.AsNoTracking().SingleAsync(d => d.Id == ingested.DocumentId);
    }

    private async Task<int> CountDocumentsAsync(Guid tenant, string? title = null)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.KnowledgeDocuments.CountAsync(d => d.TenantId == tenant && (title == null || d.Title == title));
    }

    private async Task<List<AuditEntry>> AuditAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.KnowledgeDocumentIngested || a.Action == AuditAction.KnowledgeDocumentReplaced)
            .OrderBy(a => a.Sequence).ToListAsync();
    }
}
