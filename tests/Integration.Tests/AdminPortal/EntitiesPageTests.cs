using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Entities.UpdateLegalEntity;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>The legal-entity pages through real Kestrel and PostgreSQL: validation, saving, editing, preview, audit, isolation.</summary>
public sealed partial class EntitiesPageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ABadGstin_IsShownNextToItsField_With400_AndNothingIsSaved()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var name = Unique("Nilgiri Foods Pvt Ltd");
        var form = FormFields.NewCompany(name, out _, out var gstin);
        var bad = FormFields.BreakChecksum(gstin);
        form.Set("Form.Gstins[0].Gstin", bad);
        var auditBefore = await AuditCountAsync(DemoWorld.Acme.TenantId);

        using var response = await anita.PostFormAsync("/Tenant/Entities/Create", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = PageHtml.ErrorNextTo(html, "Form.Gstins[0].Gstin");
        Assert.NotNull(error);
        Assert.Contains("checksum", error);
        Assert.Contains($"should be '{gstin[14]}'", error);
        Assert.Equal(bad, PageHtml.ValueOf(html, "Form.Gstins[0].Gstin")); // what was typed is kept to correct
        Assert.Null(PageHtml.ErrorNextTo(html, "Form.Pan"));
        Assert.Single(PageHtml.Errors(html));
        Assert.Empty(PageHtml.CspViolations(html));

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.False(await db.LegalEntities.AnyAsync(e => e.Name == name));
        Assert.False(await db.GstRegistrations.AnyAsync(g => g.Gstin == bad || g.Gstin == gstin));
        Assert.Equal(auditBefore, await AuditCountAsync(DemoWorld.Acme.TenantId));
    }

    [Fact]
    public async Task EveryBadIdentifier_IsShownNextToItsOwnField_AtOnce()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var form = FormFields.NewCompany(Unique("Bad Identifiers Pvt Ltd"), out _, out _)
            .Set("Form.Pan", "AABFX1234Q") // a firm's PAN for a company
            .Set("Form.Cin", "U12345XX20")
            .Set("Form.Llpin", "AAB1234")
            .Set("Form.Gstins[1].Gstin", "00AABCX1234Q1Z5")
            .Set("Form.AnnualTurnoverCrore", "lots");

        using var response = await anita.PostFormAsync("/Tenant/Entities/Create", form);
        var html = await response.Content.ReadAsStringAsync();

        // The turnover is refused by the binder before the rules run; once it is a number, the rules name the rest.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(PageHtml.ErrorNextTo(html, "Form.AnnualTurnoverCrore"));
        form.Set("Form.AnnualTurnoverCrore", "12");
        using var again = await anita.PostFormAsync("/Tenant/Entities/Create", form);
        html = await again.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("holder type 'F'", PageHtml.ErrorNextTo(html, "Form.Pan"));
        Assert.Contains("is not a CIN", PageHtml.ErrorNextTo(html, "Form.Cin"));
        Assert.Contains("LLPIN", PageHtml.ErrorNextTo(html, "Form.Llpin"));
        Assert.Contains("state code 00", PageHtml.ErrorNextTo(html, "Form.Gstins[1].Gstin"));
    }

    [Fact]
    public async Task AFixedGstin_SavesTheEntity_AndAuditsIt()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var name = Unique("Kaveri Textiles Pvt Ltd");
        var form = FormFields.NewCompany(name, out var pan, out var gstin).Set("Form.DirectorUserId", DemoWorld.Acme.AnitaId.ToString());
        form.Set("Form.Gstins[0].Gstin", FormFields.BreakChecksum(gstin));
        using (var refused = await anita.PostFormAsync("/Tenant/Entities/Create", form))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        form.Set("Form.Gstins[0].Gstin", gstin.ToLowerInvariant());
        using var response = await anita.PostFormAsync("/Tenant/Entities/Create", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entity = await EntityAsync(DemoWorld.Acme.TenantId, name);
        Assert.Equal($"/Tenant/Entities/Edit/{entity.Id}?saved=created", response.Headers.Location!.OriginalString);
        Assert.Equal(pan, entity.Pan);
        Assert.Equal(EntityKind.PrivateLimited, entity.Kind);
        Assert.Equal("29", entity.StateCode);
        var registration = Assert.Single(entity.GstRegistrations);
        Assert.Equal(gstin, registration.Gstin);
        Assert.Equal(GstRegime.Monthly, registration.Regime);
        Assert.True(entity.PfApplicable);
        Assert.False(entity.EsiApplicable);
        Assert.Equal(["29"], entity.ProfessionalTaxStates);
        Assert.Equal(12.5m, entity.AnnualTurnoverCrore);
        Assert.Equal(DemoWorld.Acme.AnitaId, entity.DirectorUserId);

        var audit = Assert.Single(await AuditAsync(DemoWorld.Acme.TenantId, entity.Id));
        Assert.Equal(AuditAction.LegalEntityCreated, audit.Action);
        Assert.Equal(DemoWorld.Acme.AnitaId, audit.ActorId);
        Assert.Equal(Channel.Portal, audit.Channel);
        Assert.Contains(gstin, audit.After);

        // Its obligations exist at once, from today up to where the tenant's daily generation has reached (not only
        // after the next daily run's window): a monthly GSTR-3B within the next 60 days, nothing due before today.
        await using (var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId))
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var today = LocalDate.FromDateTime(DateTime.UtcNow).PlusDays(-1);
            var due = await (from i in db.ComplianceInstances
                             join m in db.ComplianceMasters on i.MasterId equals m.Id
                             where i.EntityId == entity.Id
                             select new { m.Code, Due = i.ExtendedDueDate ?? i.StatutoryDueDate }).ToListAsync();
            Assert.Contains(due, d => d.Code == "GSTR3B" && d.Due <= today.PlusDays(62));
            Assert.All(due, d => Assert.True(d.Due is null || d.Due >= today, $"{d.Code} due {d.Due} is before today"));
        }

        var page = await anita.GetPageAsync(response.Headers.Location.OriginalString);
        Assert.Contains("Legal entity created.", page);
        Assert.Equal(gstin, PageHtml.ValueOf(page, "Form.Gstins[0].Gstin"));
        Assert.Contains(name, WebUtility.HtmlDecode(await anita.GetPageAsync("/Tenant/Entities")));
    }

    [Fact]
    public async Task Editing_ChangesTheEntity_AuditsBeforeAndAfter_AndAFormOpenedBeforeTheChangeIsRefused()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var (id, pan, gstin) = await CreateCompanyAsync(anita, Unique("Godavari Steel Pvt Ltd"));
        var path = $"/Tenant/Entities/Edit/{id}";
        var page = await anita.GetPageAsync(path);
        var stamp = PageHtml.ValueOf(page, "Form.Stamp")!;
        var renamed = Unique("Godavari Steel and Wire Pvt Ltd");
        var second = FormFields.Gstin("27", pan, '2');
        var form = FormFields.NewCompany(renamed, out _, out _)
            .Set("Form.Pan", pan)
            .Set("Form.Gstins[0].Gstin", gstin)
            .Set("Form.Gstins[0].Regime", "Qrmp")
            .Set("Form.Gstins[1].Gstin", second)
            .Set("Form.Tan", "BLRG12345K")
            .Remove("Form.PfApplicable")
            .Set("Form.EsiApplicable", "true")
            .Set("Form.EscalationContactUserId", DemoWorld.Acme.RahulId.ToString())
            .Set("Form.IsActive", "true")
            .Set("Form.Stamp", stamp);

        using var response = await anita.PostFormAsync(path, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{path}?saved=updated", response.Headers.Location!.OriginalString);
        var entity = await EntityAsync(DemoWorld.Acme.TenantId, renamed);
        Assert.Equal(id, entity.Id);
        Assert.Equal("BLRG12345K", entity.Tan);
        Assert.False(entity.PfApplicable);
        Assert.True(entity.EsiApplicable);
        Assert.Equal(DemoWorld.Acme.RahulId, entity.EscalationContactUserId);
        Assert.Equal([(gstin, GstRegime.Qrmp), (second, GstRegime.Monthly)], entity.GstRegistrations.OrderBy(g => g.Gstin == gstin ? 0 : 1).Select(g => (g.Gstin, g.Regime)));

        var updated = Assert.Single(await AuditAsync(DemoWorld.Acme.TenantId, id), a => a.Action == AuditAction.LegalEntityUpdated);
        Assert.Equal(DemoWorld.Acme.AnitaId, updated.ActorId);
        using (var before = JsonDocument.Parse(updated.Before!))
        using (var after = JsonDocument.Parse(updated.After!))
        {
            Assert.True(before.RootElement.GetProperty("pfApplicable").GetBoolean());
            Assert.False(after.RootElement.GetProperty("pfApplicable").GetBoolean());
            Assert.Equal(renamed, after.RootElement.GetProperty("name").GetString());
            Assert.Equal(2, after.RootElement.GetProperty("gstins").GetArrayLength());
        }

        // The same form again: it was filled before the change above, so it would undo it unseen.
        var auditCount = await AuditCountAsync(DemoWorld.Acme.TenantId);
        using var stale = await anita.PostFormAsync(path, form.Set("Form.Name", Unique("Overwritten Pvt Ltd")), formPage: path);
        var staleHtml = await stale.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains(PageHtml.Errors(staleHtml), e => e.Contains("changed by someone else", StringComparison.Ordinal));
        Assert.Equal(renamed, (await EntityAsync(DemoWorld.Acme.TenantId, id)).Name);
        Assert.Equal(auditCount, await AuditCountAsync(DemoWorld.Acme.TenantId));
    }

    [Fact]
    public async Task ThePreview_ListsTheObligationsThatWillApply_AndSavesNothing()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var name = Unique("Preview Foods Pvt Ltd");
        var form = FormFields.NewCompany(name, out _, out _);

        using var response = await anita.PostFormAsync("/Tenant/Entities/Create?handler=Preview", form, formPage: "/Tenant/Entities/Create");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = PreviewCodes(html);

        // A Karnataka company, monthly GST, PF, professional tax in Karnataka, 12.5 crore, no TAN.
        Assert.Superset(new HashSet<string> { "GSTR1", "GSTR3B", "GSTR9", "GSTR9C", "EPF_ECR", "PT_KA", "PT_KA_FORM5", "ITR6", "AGM", "AOC4", "MGT7", "ADV_TAX" }, codes.ToHashSet());
        Assert.DoesNotContain("GSTR1_QRMP", codes);
        Assert.DoesNotContain("ESI", codes);
        Assert.DoesNotContain("TDS_PAY", codes);
        Assert.DoesNotContain("LLP_FORM11", codes);
        Assert.DoesNotContain("PT_MH_PTRC", codes);
        Assert.Contains($"Obligations that will apply: {codes.Count}", html);

        // Flags change the answer: the preview is computed from the form, not a fixed list.
        form.Set("Form.Tan", "BLRP12345K").Set("Form.EsiApplicable", "true").Set("Form.Gstins[0].Regime", "Qrmp");
        using var changed = await anita.PostFormAsync("/Tenant/Entities/Create?handler=Preview", form, formPage: "/Tenant/Entities/Create");
        var changedCodes = PreviewCodes(await changed.Content.ReadAsStringAsync());
        Assert.Superset(new HashSet<string> { "TDS_PAY", "TDS_24Q", "ESI", "GSTR1_QRMP", "GST_PMT06" }, changedCodes.ToHashSet());
        Assert.DoesNotContain("GSTR1", changedCodes);

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.False(await db.LegalEntities.AnyAsync(e => e.Name == name));
    }

    [Fact]
    public async Task ThePreviewOfAnEdit_SaysWhatStartsAndWhatStopsApplying()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var (id, pan, gstin) = await CreateCompanyAsync(anita, Unique("Edit Preview Pvt Ltd"));
        var path = $"/Tenant/Entities/Edit/{id}";
        var stamp = PageHtml.ValueOf(await anita.GetPageAsync(path), "Form.Stamp")!;
        var form = FormFields.NewCompany(Unique("Edit Preview Pvt Ltd"), out _, out _)
            .Set("Form.Pan", pan).Set("Form.Gstins[0].Gstin", gstin)
            .Remove("Form.PfApplicable").Set("Form.EsiApplicable", "true").Set("Form.IsActive", "true").Set("Form.Stamp", stamp);

        using var response = await anita.PostFormAsync($"{path}?handler=Preview", form, formPage: path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(RowOf("ESI", "change-added"), html);
        Assert.Matches(RowOf("EPF_ECR", "change-removed"), html);
        Assert.Matches(RowOf("GSTR3B", "change-applies"), html);
        Assert.True((await EntityAsync(DemoWorld.Acme.TenantId, id)).PfApplicable); // still only a preview
    }

    [Fact]
    public async Task AnAgm_IsRecordedAndAudited_AndAnImpossibleDateIsShownNextToItsField()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var (id, _, _) = await CreateCompanyAsync(anita, Unique("Agm Holdings Pvt Ltd"));
        var path = $"/Tenant/Entities/Edit/{id}";

        using var early = await anita.PostFormAsync($"{path}?handler=RecordAgm", [new("Agm.FinancialYearEnd", "2025-03-31"), new("Agm.HeldOn", "2025-03-15")], formPage: path);
        var html = await early.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("not after the financial year", PageHtml.ErrorNextTo(html, "Agm.HeldOn"));
        Assert.Contains($"<form method=\"post\" action=\"{path}\"", html); // the details form still saves, not records an AGM

        using var held = await anita.PostFormAsync($"{path}?handler=RecordAgm", [new("Agm.FinancialYearEnd", "2025-03-31"), new("Agm.HeldOn", "2025-09-20")], formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        var entity = await EntityAsync(DemoWorld.Acme.TenantId, id);
        var agm = Assert.Single(entity.AgmRecords);
        Assert.Equal(new NodaTime.LocalDate(2025, 9, 20), agm.HeldOn);
        Assert.Contains(await AuditAsync(DemoWorld.Acme.TenantId, id), a => a.Action == AuditAction.AgmRecorded);
    }

    [Fact]
    public async Task GrantingAndRevokingAccess_FromTheEntityPage_IsAudited()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var (id, _, _) = await CreateCompanyAsync(anita, Unique("Access Traders Pvt Ltd"));
        var path = $"/Tenant/Entities/Edit/{id}";

        using var granted = await anita.PostFormAsync($"{path}?handler=Grant", [new("GrantUserId", DemoWorld.Acme.VikramId.ToString())], formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Contains(DemoWorld.Acme.VikramId, await GranteesAsync(id));
        Assert.Contains("Vikram Rao", await anita.GetPageAsync(path));

        using var revoked = await anita.PostFormAsync($"{path}?handler=Revoke", [new("userId", DemoWorld.Acme.VikramId.ToString())], formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.DoesNotContain(DemoWorld.Acme.VikramId, await GranteesAsync(id));

        var actions = (await AuditAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.VikramId)).Select(a => a.Action).ToList();
        Assert.Contains(AuditAction.EntityAccessGranted, actions);
        Assert.Contains(AuditAction.EntityAccessRevoked, actions);

        // Revoking what is not granted is not found, and writes nothing.
        using var again = await anita.PostFormAsync($"{path}?handler=Revoke", [new("userId", DemoWorld.Acme.VikramId.ToString())], formPage: path);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Suresh_RequestingAcmesEntity_InUrlsAndForms_GetsNotFound_AndNothingChanges()
    {
        using var suresh = await PortalWorld.SureshAsync(_host);
        var acme = DemoWorld.Acme.IndiaEntityId;
        var path = $"/Tenant/Entities/Edit/{acme}";
        var stampBefore = await StampAsync(DemoWorld.Acme.TenantId, acme);
        var acmeAudit = await AuditCountAsync(DemoWorld.Acme.TenantId);
        var bharatAudit = await AuditCountAsync(DemoWorld.Bharat.TenantId);

        using (var get = await suresh.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            var body = await get.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Acme", body);
            Assert.DoesNotContain("AAACA1234F", body);
        }

        // Every handler of the page, posted with a token of Suresh's own session and a complete, valid form.
        var edit = FormFields.NewCompany("Taken over by Bharat Pvt Ltd", out _, out _).Set("Form.Stamp", stampBefore).Set("Form.IsActive", "false");
        var posts = new (string Path, IEnumerable<KeyValuePair<string, string>> Fields)[]
        {
            (path, edit),
            ($"{path}?handler=Preview", edit),
            ($"{path}?handler=RecordAgm", [new("Agm.FinancialYearEnd", "2024-03-31"), new("Agm.HeldOn", "2024-09-10")]),
            ($"{path}?handler=Grant", [new("GrantUserId", DemoWorld.Bharat.MeeraId.ToString())]),
            ($"{path}?handler=Revoke", [new("userId", DemoWorld.Acme.PriyaId.ToString())]),

            // Acme's people named in Suresh's own forms.
            ("/Tenant/Entities/Create", FormFields.NewCompany("Bharat Borrowed Director Pvt Ltd", out _, out _).Set("Form.DirectorUserId", DemoWorld.Acme.AnitaId.ToString())),
            ($"/Tenant/Entities/Edit/{DemoWorld.Bharat.EntityId}?handler=Grant", [new("GrantUserId", DemoWorld.Acme.PriyaId.ToString())]),
            ($"/Tenant/Entities/Edit/{DemoWorld.Bharat.EntityId}", FormFields.NewCompany("Bharat Traders Pvt Ltd", out _, out _)
                .Set("Form.EscalationContactUserId", DemoWorld.Acme.RahulId.ToString())
                .Set("Form.Stamp", await StampAsync(DemoWorld.Bharat.TenantId, DemoWorld.Bharat.EntityId))),
        };
        foreach (var (target, fields) in posts)
        {
            using var response = await suresh.PostFormAsync(target, fields, formPage: "/Tenant/Entities/Create");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {target} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("Acme", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(stampBefore, await StampAsync(DemoWorld.Acme.TenantId, acme));
        Assert.Contains(DemoWorld.Acme.PriyaId, await GranteesAsync(acme));
        Assert.Equal(acmeAudit, await AuditCountAsync(DemoWorld.Acme.TenantId));
        Assert.Equal(bharatAudit, await AuditCountAsync(DemoWorld.Bharat.TenantId));
        Assert.DoesNotContain("Acme India", WebUtility.HtmlDecode(await suresh.GetPageAsync("/Tenant/Entities")));
    }

    [Fact]
    public async Task TheEntityPages_AreOnlyForTenantAdmins()
    {
        using var anonymous = _host.Client();
        using var op = await PortalWorld.OperatorAsync(_host);
        foreach (var path in new[] { "/Tenant/Entities", "/Tenant/Entities/Create", $"/Tenant/Entities/Edit/{DemoWorld.Acme.IndiaEntityId}" })
        {
            using var signIn = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Contains("/Account/SignIn", signIn.Headers.Location!.OriginalString);

            using var denied = await op.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        var name = Unique("Operator Made Pvt Ltd");
        using var post = await op.PostFormAsync("/Tenant/Entities/Create", FormFields.NewCompany(name, out _, out _), withToken: false);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.False(await db.LegalEntities.AnyAsync(e => e.Name == name));
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    private static List<string> PreviewCodes(string html)
    {
        var preview = html[html.IndexOf("id=\"preview\"", StringComparison.Ordinal)..];
        return [.. PreviewCode().Matches(preview).Where(m => !m.Groups[1].Value.Contains("removed", StringComparison.Ordinal)).Select(m => m.Groups[2].Value)];
    }

    private static Regex RowOf(string code, string change) => new($"<tr class=\"{change}\" data-code=\"{code}\">");

    private static async Task<(Guid Id, string Pan, string Gstin)> CreateCompanyAsync(PortalClient client, string name)
    {
        using var response = await client.PostFormAsync("/Tenant/Entities/Create", FormFields.NewCompany(name, out var pan, out var gstin));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(Regex.Match(response.Headers.Location!.OriginalString, "Edit/([0-9a-f-]{36})").Groups[1].Value);
        return (id, pan, gstin);
    }

    private async Task<LegalEntity> EntityAsync(Guid tenant, string name)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.LegalEntities.AsNoTracking().Include(e => e.GstRegistrations).Include(e => e.AgmRecords).SingleAsync(e => e.Name == name);
    }

    private async Task<LegalEntity> EntityAsync(Guid tenant, Guid id)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.LegalEntities.AsNoTracking().Include(e => e.GstRegistrations).Include(e => e.AgmRecords).SingleAsync(e => e.Id == id);
    }

    private async Task<string> StampAsync(Guid tenant, Guid id) => UpdateLegalEntityHandler.StampOf(await EntityAsync(tenant, id));

    private async Task<List<Guid>> GranteesAsync(Guid entityId)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.EntityAccess.AsNoTracking().Where(a => a.EntityId == entityId).Select(a => a.UserId).ToListAsync();
    }

    private async Task<List<AuditEntry>> AuditAsync(Guid tenant, Guid target)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.TargetId == target.ToString()).OrderBy(a => a.Sequence).ToListAsync();
    }

    private async Task<int> AuditCountAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.CountAsync();
    }

    [GeneratedRegex("<tr class=\"(change-[a-z]+)\" data-code=\"([A-Z0-9_]+)\">")]
    private static partial Regex PreviewCode();
}
