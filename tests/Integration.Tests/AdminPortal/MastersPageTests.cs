using System.Net;
using System.Text.RegularExpressions;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Masters.Catalog;
using ComplianceOs.Domain.Rules;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Period = ComplianceOs.Domain.Rules.Period;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>The masters pages as Anita (Acme's admin) uses them: the catalog, the rule editor and its preview, saving and retiring.</summary>
public sealed class MastersPageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheGlobalCatalog_IsListed_ReadOnly()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var html = await anita.GetPageAsync("/Tenant/Masters");

        var catalog = Regex.Match(html, "<table id=\"catalog\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        var codes = Regex.Matches(catalog, "<tr data-code=\"([A-Z0-9_]+)\">").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(CatalogLoader.Load().Select(e => e.Code).Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
        Assert.Contains("GSTR-3B — summary return and tax payment (monthly filer)", WebUtility.HtmlDecode(catalog));

        // Offered to override, never to edit or retire: the catalog itself is the platform's.
        Assert.DoesNotContain("handler=Retire", catalog);
        Assert.DoesNotContain("Edit?id=", catalog);
        Assert.Contains("Edit?from=", catalog);

        var gstr3b = await MastersKit.GlobalMasterIdAsync(fixture, "GSTR3B");
        using (var edit = await anita.GetAsync($"/Tenant/Masters/Edit?id={gstr3b}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        }

        var auditBefore = (await MastersKit.AuditAsync(fixture, DemoWorld.Acme.TenantId)).Count;
        using (var retire = await anita.PostFormAsync("/Tenant/Masters?handler=Retire", [new("id", gstr3b.ToString())], formPage: "/Tenant/Masters/Edit"))
        {
            Assert.Equal(HttpStatusCode.NotFound, retire.StatusCode);
        }

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.True(await db.ComplianceMasters.Where(m => m.Id == gstr3b).Select(m => m.IsActive).SingleAsync());
        Assert.Equal(auditBefore, await db.AuditEntries.CountAsync());

        // Its details are readable, with the rule as stored.
        var details = WebUtility.HtmlDecode(await anita.GetPageAsync($"/Tenant/Masters/Details?id={gstr3b}"));
        Assert.Contains("Global catalog (read-only)", details);
        Assert.Contains("\"kind\": \"dayOfMonthAfter\"", details);
    }

    [Fact]
    public async Task ACustomMasterWithAnInvalidRule_ShowsEachErrorBesideItsField_With400_AndNothingIsSaved()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var auditBefore = (await MastersKit.AuditAsync(fixture, DemoWorld.Acme.TenantId)).Count;

        using var response = await anita.PostFormAsync(
            "/Tenant/Masters/Edit?handler=Save",
            MastersKit.Master("BAD_RULE", """{"variants":[{"due":{"kind":"dayOfMonthAfter","monthsAfter":1,"day":32}}]}""", ("Name", " "), ("Applicability", """{"requires":["gstin"]}""")),
            formPage: "/Tenant/Masters/Edit");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("variants[0].due.day: must be a day of the month from 1 to 31, or \"last\"", MastersKit.FieldError(html, "Input.DueDateRule"));
        Assert.Equal("Is required", MastersKit.FieldError(html, "Input.Name"));
        Assert.StartsWith("requires[0]: 'gstin' is not", MastersKit.FieldError(html, "Input.Applicability"));
        Assert.Null(MastersKit.FieldError(html, "Input.Code"));

        // What was typed stays in the form to be corrected.
        Assert.Contains("&quot;day&quot;:32", html);
        Assert.Null(await MastersKit.OwnMasterAsync(fixture, DemoWorld.Acme.TenantId, "BAD_RULE"));
        Assert.Equal(auditBefore, (await MastersKit.AuditAsync(fixture, DemoWorld.Acme.TenantId)).Count);
    }

    [Fact]
    public async Task AValidCustomMaster_IsSavedAndAudited_ThenUpdatedAndRetired_EachAudited()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);

        using var saved = await anita.PostFormAsync("/Tenant/Masters/Edit?handler=Save", MastersKit.Master("BOARD_MIS"), formPage: "/Tenant/Masters/Edit");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var master = await MastersKit.OwnMasterAsync(fixture, DemoWorld.Acme.TenantId, "BOARD_MIS");
        Assert.NotNull(master);
        Assert.Equal($"/Tenant/Masters/Details?id={master.Id}", saved.Headers.Location!.OriginalString);
        Assert.Equal((ComplianceFrequency.Monthly, "Board of directors", true, (Guid?)null), (master.Frequency, master.Authority, master.IsActive, master.OverridesMasterId));
        var created = Assert.Single(await MastersKit.AuditAsync(fixture, DemoWorld.Acme.TenantId), a => a.Action == AuditAction.MasterCreated && a.TargetId == "BOARD_MIS");
        Assert.Equal((ActorKind.User, DemoWorld.Acme.AnitaId, Channel.Portal), (created.ActorKind, created.ActorId!.Value, created.Channel));
        Assert.Contains("Monthly MIS pack to the board", created.After);

        var page = WebUtility.HtmlDecode(await anita.GetPageAsync(saved.Headers.Location.OriginalString));
        Assert.Contains("BOARD_MIS is saved and in force", page);
        Assert.Contains("Your custom master", page);

        // A second "new" master with the same code would overwrite the first: refused beside the code.
        using (var twice = await anita.PostFormAsync("/Tenant/Masters/Edit?handler=Save", MastersKit.Master("board_mis"), formPage: "/Tenant/Masters/Edit"))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            Assert.Equal("You already have a master BOARD_MIS; edit it instead.", MastersKit.FieldError(await twice.Content.ReadAsStringAsync(), "Input.Code"));
        }

        // Editing keeps the code, whatever is posted for it.
        using (var updated = await anita.PostFormAsync(
            "/Tenant/Masters/Edit?handler=Save",
            MastersKit.Master("SOMETHING_ELSE", overrides: [("Id", master.Id.ToString()), ("Name", "Monthly MIS pack and minutes")]),
            formPage: $"/Tenant/Masters/Edit?id={master.Id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, updated.StatusCode);
        }

        Assert.Null(await MastersKit.OwnMasterAsync(fixture, DemoWorld.Acme.TenantId, "SOMETHING_ELSE"));
        Assert.Equal("Monthly MIS pack and minutes", (await MastersKit.OwnMasterAsync(fixture, DemoWorld.Acme.TenantId, "BOARD_MIS"))!.Name);
        var update = Assert.Single(await MastersKit.AuditAsync(fixture, DemoWorld.Acme.TenantId), a => a.Action == AuditAction.MasterUpdated && a.TargetId == "BOARD_MIS");
        Assert.Contains("Monthly MIS pack to the board", update.Before);
        Assert.Contains("Monthly MIS pack and minutes", update.After);

        using (var retired = await anita.PostFormAsync("/Tenant/Masters?handler=Retire", [new("id", master.Id.ToString())], formPage: "/Tenant/Masters/Edit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        }

        Assert.False((await MastersKit.OwnMasterAsync(fixture, DemoWorld.Acme.TenantId, "BOARD_MIS"))!.IsActive);
        var retire = Assert.Single(await MastersKit.AuditAsync(fixture, DemoWorld.Acme.TenantId), a => a.Action == AuditAction.MasterRetired && a.TargetId == "BOARD_MIS");
        Assert.Contains("\"isActive\": false", retire.After);
        Assert.Contains("\"isActive\": true", retire.Before);
        Assert.Contains("BOARD_MIS is retired", WebUtility.HtmlDecode(await anita.GetPageAsync("/Tenant/Masters")));
    }

    [Fact]
    public async Task ThePreview_ShowsTheTwelveDatesTheRuleEngineComputes_ForTheChosenEntity_WithoutSaving()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var rule = """{"variants":[{"due":{"kind":"dayOfMonthAfter","monthsAfter":1,"day":7,"exceptions":[{"periodEndMonth":3,"monthsAfter":1,"day":30}]}}]}""";
        var auditBefore = (await MastersKit.AuditAsync(fixture, DemoWorld.Acme.TenantId)).Count;

        using var response = await anita.PostFormAsync(
            "/Tenant/Masters/Edit?handler=Preview",
            MastersKit.Master("TDS_PREVIEW", rule, ("PreviewEntityId", DemoWorld.Acme.IndiaEntityId.ToString()), ("PreviewFrom", "2026-11-23")),
            formPage: "/Tenant/Masters/Edit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var shown = MastersKit.PreviewDueDates(html);

        // What the engine says, period by period, for Acme India as stored.
        LegalEntity entity;
        await using (var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            entity = await db.LegalEntities.AsNoTracking().Include(e => e.GstRegistrations).SingleAsync(e => e.Id == DemoWorld.Acme.IndiaEntityId);
        }

        var parsed = DueDateRuleParser.Parse(rule, ComplianceFrequency.Monthly, new Domain.Common.Validation())!;
        var expected = Enumerable.Range(0, 12)
            .Select(k => Period.TryParse($"{new LocalDate(2026, 11, 1).PlusMonths(k):yyyy-MM}", ComplianceFrequency.Monthly)!)
            .Select(p => DueDateEngine.Compute(parsed, p, EntityFacts.Of(entity)).DueDate!.Value)
            .Select(d => d.ToString("uuuu-MM-dd", null))
            .ToList();
        Assert.Equal(expected, shown);
        Assert.Equal("2027-04-30", shown[4]); // March's deduction: 30 April, not 7 April
        Assert.Contains("Next due dates for Acme India Pvt Ltd from", html);
        Assert.DoesNotContain("preview-not-applicable", html);

        Assert.Null(await MastersKit.OwnMasterAsync(fixture, DemoWorld.Acme.TenantId, "TDS_PREVIEW"));
        Assert.Equal(auditBefore, (await MastersKit.AuditAsync(fixture, DemoWorld.Acme.TenantId)).Count);
    }

    [Fact]
    public async Task ThePreview_OfARuleThatDoesNotFitItsFrequency_Says_Why_BesideTheRule_With400()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);

        using var response = await anita.PostFormAsync(
            "/Tenant/Masters/Edit?handler=Preview",
            MastersKit.Master("QUARTERLY_ONLY", """{"variants":[{"due":{"kind":"fixedDate","dates":{"Q1":{"month":7,"day":31}}}}]}""", ("PreviewEntityId", DemoWorld.Acme.LlpEntityId.ToString()), ("PreviewFrom", "2026-02-30")),
            formPage: "/Tenant/Masters/Edit");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("'2026-02-30' is not a date (YYYY-MM-DD).", MastersKit.FieldError(html, "PreviewFrom"));
        Assert.Empty(MastersKit.PreviewDueDates(html));

        using var again = await anita.PostFormAsync(
            "/Tenant/Masters/Edit?handler=Preview",
            MastersKit.Master("QUARTERLY_ONLY", """{"variants":[{"due":{"kind":"fixedDate","dates":{"Q1":{"month":7,"day":31}}}}]}""", ("PreviewEntityId", DemoWorld.Acme.LlpEntityId.ToString())),
            formPage: "/Tenant/Masters/Edit");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("variants[0].due.kind: 'fixedDate' does not fit a Monthly obligation (it fits Quarterly, HalfYearly, Annual)", MastersKit.FieldError(await again.Content.ReadAsStringAsync(), "Input.DueDateRule"));
    }

    [Fact]
    public async Task OverridingACatalogMaster_StartsFromItsRule_AndSavesAnOverrideUnderItsCode()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var global = await MastersKit.GlobalMasterIdAsync(fixture, "PT_KA");

        var form = await anita.GetPageAsync($"/Tenant/Masters/Edit?from={global}");
        Assert.Equal("PT_KA", MastersKit.InputValue(form, "Input_Code"));
        Assert.Contains("readonly", Regex.Match(form, "<input[^>]*id=\"Input_Code\"[^>]*>").Value);

        using var saved = await anita.PostFormAsync(
            "/Tenant/Masters/Edit?handler=Save",
            MastersKit.Master("PT_KA", """{"variants":[{"due":{"kind":"dayOfMonthAfter","monthsAfter":1,"day":20}}],"slots":["M12"]}""", ("Frequency", "Monthly"), ("Name", "Karnataka PT — annual return only")),
            formPage: $"/Tenant/Masters/Edit?from={global}");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var own = await MastersKit.OwnMasterAsync(fixture, DemoWorld.Acme.TenantId, "PT_KA");
        Assert.Equal(global, own!.OverridesMasterId);

        // The catalog row now points at the override instead of offering another.
        using var again = await anita.GetAsync($"/Tenant/Masters/Edit?from={global}");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal($"/Tenant/Masters/Edit?id={own.Id}", again.Headers.Location!.OriginalString);
    }
}
