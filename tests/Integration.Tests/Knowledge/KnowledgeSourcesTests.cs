using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Rag.Embeddings;
using ComplianceOs.Rag.Ingestion;
using ComplianceOs.Rag.Knowledge;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ComplianceOs.Integration.Tests.Knowledge;

/// <summary>The sources the assistant answers from: the catalog's masters, and files a tenant gives it.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class KnowledgeSourcesTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "knowledge-" + Guid.NewGuid().ToString("N")[..8]);
    private KnowledgeIngestor _ingestor = null!;

    public async Task InitializeAsync()
    {
        await fixture.Get<DemoSeed>().RunAsync(new NodaTime.LocalDate(2026, 11, 22));
        _ingestor = new KnowledgeIngestor(fixture.Dbs, new HashedNgramEmbedder(), fixture.Get<AuditLog>(), TimeProvider.System);
        Directory.CreateDirectory(_folder);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryGlobalMaster_IsIngestedBySection_AndASecondRunChangesNothing()
    {
        var ingest = new IngestMasters(fixture.Dbs, _ingestor);
        await ingest.RunAsync(Actor.System("test"), Channel.Cli);
        var second = await ingest.RunAsync(Actor.System("test"), Channel.Cli);
        Assert.Equal(0, second[IngestOutcome.Added] + second[IngestOutcome.Replaced]);

        await using var db = fixture.Dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync();
        var masters = await db.ComplianceMasters.CountAsync(m => m.TenantId == null && m.IsActive);
        Assert.Equal(masters, second[IngestOutcome.Unchanged]);
        var gstr3b = await db.KnowledgeDocuments.SingleAsync(d => d.TenantId == null && d.SourceKey == "master:GSTR3B");
        Assert.Equal(KnowledgeKind.Master, gstr3b.Kind);
        var sections = await db.KnowledgeChunks.Where(c => c.DocumentId == gstr3b.Id).OrderBy(c => c.Ordinal).Select(c => c.Section).ToListAsync();
        Assert.Contains(sections, s => s!.EndsWith("› Rule and due date", StringComparison.Ordinal));
        Assert.Contains(sections, s => s!.EndsWith("› Legal basis and sources", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_TakesItsTitleFromItsHeading()
    {
        var path = Write("pf.md", "# Acme PF policy\n\nPF is deposited by the 10th.\n");
        var (doc, problem) = DocumentFiles.Read(DemoWorld.Acme.TenantId, path, "file:pf.md");
        Assert.Null(problem);
        Assert.Equal(("Acme PF policy", KnowledgeKind.Markdown), (doc!.Title, doc.Kind));
        Assert.Equal("PF is deposited by the 10th.", Assert.Single(doc.Chunks).Text);
    }

    [Fact]
    public void APdfWithText_IsReadPageByPage()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText("Form MGT-7A is for small companies.", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText("AOC-4 within 30 days of the AGM.", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        var path = Path.Combine(_folder, "roc.pdf");
        File.WriteAllBytes(path, builder.Build());

        var (doc, problem) = DocumentFiles.Read(null, path, "file:roc.pdf");
        Assert.Null(problem);
        Assert.Equal(KnowledgeKind.Pdf, doc!.Kind);
        Assert.Contains(doc.Chunks, c => c.Page == 1 && c.Text.Contains("MGT-7A", StringComparison.Ordinal));
        Assert.Contains(doc.Chunks, c => c.Page == 2 && c.Text.Contains("AOC-4", StringComparison.Ordinal));
    }

    [Fact]
    public void AScannedPdf_AnUnreadableOne_AndOtherFileTypes_AreReportedByName_NotIngested()
    {
        var scanned = new PdfDocumentBuilder();
        scanned.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var scan = Path.Combine(_folder, "scan.pdf");
        File.WriteAllBytes(scan, scanned.Build());

        Assert.Contains("no text layer", DocumentFiles.Read(null, scan, "file:scan.pdf").Problem);
        Assert.Contains("not a readable PDF", DocumentFiles.Read(null, Write("broken.pdf", "not a pdf"), "file:broken.pdf").Problem);
        Assert.Contains("only Markdown, text and PDF", DocumentFiles.Read(null, Write("notes.docx", "x"), "file:notes.docx").Problem);
        Assert.Contains("empty", DocumentFiles.Read(null, Write("empty.md", "  \n"), "file:empty.md").Problem);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
