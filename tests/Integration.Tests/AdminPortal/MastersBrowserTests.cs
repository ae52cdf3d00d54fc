using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>Anita in Chromium: adds a custom master and previews its dates, then records an extension and sees the obligation move.</summary>
public sealed class MastersBrowserTests(DatabaseFixture fixture, ChromiumFixture chromium) : IClassFixture<DatabaseFixture>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Anita_AddsACustomMaster_PreviewsItsDates_ThenRecordsAnExtension_AndSeesTheObligationMove()
    {
        var page = await chromium.NewPageAsync(_host.BaseUrl);
        var refused = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && m.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(m.Text);
            }
        };
        await PortalWorld.SignInAsync(page, PortalWorld.AnitaEmail, PortalWorld.AnitaPassword);
        await page.GotoAsync("/Tenant/Masters");
        Assert.Equal(32, await page.Locator("#catalog tbody tr").CountAsync());
        await ChromiumFixture.ScreenshotAsync(page, "masters");

        // A custom master, previewed before it is saved.
        await page.ClickAsync("#add-master");
        await page.FillAsync("#Input_Code", "BOARD_MIS");
        await page.FillAsync("#Input_Name", "Monthly MIS pack to the board");
        await page.FillAsync("#Input_Authority", "Board of directors");
        await page.SelectOptionAsync("#Input_Frequency", "Monthly");
        await page.FillAsync("#Input_RuleText", "The MIS pack for each month goes to the board by the 10th of the following month.");
        await page.FillAsync("#Input_DueDateRule", MastersKit.MonthlyTenth);
        await page.SelectOptionAsync("#PreviewEntityId", DemoWorld.Acme.IndiaEntityId.ToString());
        await page.FillAsync("#PreviewFrom", "2026-11-23");
        await page.ClickAsync("#preview");

        var dates = page.Locator("#preview-dates td.due time");
        Assert.Equal(12, await dates.CountAsync());
        Assert.Equal("2026-12-10", await dates.First.GetAttributeAsync("datetime"));
        Assert.Equal("2027-11-10", await dates.Last.GetAttributeAsync("datetime"));
        await ChromiumFixture.ScreenshotAsync(page, "master-preview");

        await page.ClickAsync("#save");
        await page.WaitForURLAsync("**/Tenant/Masters/Details?id=*");
        Assert.Contains("BOARD_MIS is saved and in force", await page.InnerTextAsync("#notice"));

        // A government extension of November's GSTR-3B, recorded from Acme India's obligation.
        var instance = await MastersKit.AcmeInstanceAsync(fixture, "GSTR3B", "2026-11");
        await page.GotoAsync("/Tenant/Masters");
        await page.ClickAsync("#catalog tr[data-code=GSTR3B] a:text('GSTR3B')");
        await page.FillAsync("#Period", "2026-11");
        await page.ClickAsync("form.filters button[type=submit]");
        Assert.Equal("2026-12-20", await page.GetAttributeAsync($"#instance-{instance.Id} td.due-in-force time", "datetime"));
        await page.ClickAsync($"#instance-{instance.Id} a:text('Extend')");

        Assert.Equal("2026-11", await page.InputValueAsync("#Input_PeriodKey"));
        await page.FillAsync("#Input_ExtendedTo", "2026-12-27");
        await page.FillAsync("#Input_NotificationReference", "Notification No. 99/2026-Central Tax dated 15-Dec-2026");
        await page.ClickAsync("#record");
        await page.WaitForURLAsync("**/Tenant/Masters/Details?id=*&period=2026-11");

        Assert.Equal("2026-12-27", await page.GetAttributeAsync($"#instance-{instance.Id} td.due-in-force time", "datetime"));
        Assert.Contains("27 Dec 2026", await page.InnerTextAsync($"#instance-{instance.Id} td.due-in-force"));
        Assert.Contains("1 obligation moved, 1 owner notification queued", await page.InnerTextAsync("#notice"));
        await ChromiumFixture.ScreenshotAsync(page, "master-extension");
        Assert.Empty(refused);
    }
}
