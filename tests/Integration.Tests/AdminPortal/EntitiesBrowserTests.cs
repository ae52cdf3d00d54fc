using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>The legal-entity and people pages in Chromium, as an admin uses them, under the portal's strict CSP.</summary>
public sealed class EntitiesBrowserTests(DatabaseFixture fixture, ChromiumFixture chromium) : IClassFixture<DatabaseFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Anita_CreatesAnEntity_SeesTheBadGstinNextToItsField_FixesIt_AndSaves()
    {
        await using var host = await PortalWorld.StartAsync(fixture);
        var page = await chromium.NewPageAsync(host.BaseUrl);
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };

        await PortalWorld.SignInAsync(page, PortalWorld.AnitaEmail, PortalWorld.AnitaPassword);
        await page.WaitForURLAsync(url => !url.Contains("/Account/SignIn", StringComparison.Ordinal));
        await page.GotoAsync("/Tenant/Entities");
        await page.ClickAsync("text=New legal entity");
        await page.WaitForURLAsync("**/Tenant/Entities/Create");

        var name = $"Tungabhadra Agro Pvt Ltd {Guid.NewGuid().ToString("N")[..6]}";
        var pan = $"AABCT{Random.Shared.Next(1000, 10000)}K";
        var gstin = FormFields.Gstin("29", pan);
        await page.FillAsync("#Form_Name", name);
        await page.SelectOptionAsync("#Form_Kind", "PrivateLimited");
        await page.SelectOptionAsync("#Form_State", "29");
        await page.FillAsync("#Form_Pan", pan);
        await page.FillAsync("#Form_Gstins_0__Gstin", FormFields.BreakChecksum(gstin));
        await page.CheckAsync("#Form_PfApplicable");
        await page.SelectOptionAsync("#Form_ProfessionalTaxStates", ["29"]);
        await page.FillAsync("#Form_AnnualTurnoverCrore", "12");
        await page.SelectOptionAsync("#Form_DirectorUserId", DemoWorld.Acme.AnitaId.ToString());
        await page.ClickAsync("#save-button");

        // The error sits in the GSTIN's own field, under its input, and the input is marked.
        var gstinField = page.Locator(".field", new() { Has = page.Locator("#Form_Gstins_0__Gstin") });
        var error = gstinField.Locator(".field-validation-error");
        await Assertions.Expect(error).ToContainTextAsync("checksum");
        await Assertions.Expect(page.Locator("#Form_Gstins_0__Gstin")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("input-validation-error"));
        await Assertions.Expect(page.Locator(".field-validation-error")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#Form_Name")).ToHaveValueAsync(name);
        await ChromiumFixture.ScreenshotAsync(page, "entities");

        await page.FillAsync("#Form_Gstins_0__Gstin", gstin);
        await page.ClickAsync("#preview-button");
        await Assertions.Expect(page.Locator("#preview")).ToContainTextAsync("GSTR-3B");
        await Assertions.Expect(page.Locator("#preview tr[data-code=EPF_ECR]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#preview tr[data-code=LLP_FORM11]")).ToHaveCountAsync(0);
        await ChromiumFixture.ScreenshotAsync(page, "entities-preview");

        await page.ClickAsync("#save-button");
        await page.WaitForURLAsync("**/Tenant/Entities/Edit/*");
        await Assertions.Expect(page.Locator("#saved-notice")).ToContainTextAsync("Legal entity created");
        await Assertions.Expect(page.Locator("#Form_Gstins_0__Gstin")).ToHaveValueAsync(gstin);

        await using (var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId))
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var saved = await db.LegalEntities.AsNoTracking().Include(e => e.GstRegistrations).SingleAsync(e => e.Name == name);
            Assert.Equal(gstin, Assert.Single(saved.GstRegistrations).Gstin);
            Assert.Equal(DemoWorld.Acme.AnitaId, saved.DirectorUserId);
        }

        await page.GotoAsync("/Tenant/People");
        await Assertions.Expect(page.Locator("#people")).ToContainTextAsync("Priya Sharma");
        await ChromiumFixture.ScreenshotAsync(page, "people");
        await page.ClickAsync("text=Vikram Rao");
        await Assertions.Expect(page.Locator("#Form_SlackUserId")).ToHaveValueAsync("U0VIKRAM1");
        await ChromiumFixture.ScreenshotAsync(page, "people-edit");

        Assert.Empty(blocked);
        Assert.True(File.Exists(Path.Combine(ChromiumFixture.ScreenshotFolder, "entities.png")));
        Assert.True(File.Exists(Path.Combine(ChromiumFixture.ScreenshotFolder, "people.png")));
    }
}
