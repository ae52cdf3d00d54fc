using System.Net;
using System.Text.RegularExpressions;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Dashboard;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Integration.Tests.Teams.Auth;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>The control tower page: the bot's dashboard numbers, per category, the 90-day calendar; one tenant's only.</summary>
public sealed partial class ControlTowerPageTests(DatabaseFixture fixture, ChromiumFixture chromium)
    : IClassFixture<DatabaseFixture>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    // Noon in India on the demo world's day.
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 30, 0, TimeSpan.Zero);
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture, clock: new ManualTimeProvider(Now));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheRagCountsPerEntity_AreTheBotDashboardCardsNumbers()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var page = await anita.GetPageAsync("/Tenant/ControlTower");

        var card = await new ControlTower(fixture.Dbs).BuildAsync(await IdentityAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.AnitaId), new LocalDate(2026, 11, 22), CancellationToken.None);
        var botCounts = card.Blocks.OfType<Section>().Single(s => s.Heading == "Open obligations by RAG").Blocks.OfType<FactList>().Single().Facts;
        Assert.Equal(2, botCounts.Count); // Acme's two entities
        var table = Rows(page, "rag-by-entity");
        Assert.Equal(
            botCounts.Select(f => $"{f.Label}|{Regex.Replace(f.Value, @"[^\d·]", string.Empty).Replace('·', '|')}"),
            table.Select(r => string.Join("|", r)));
        Assert.True(botCounts.Sum(f => Numbers(f.Value).Sum()) > 0, "the demo world has open obligations");

        var overdueHeading = card.Blocks.OfType<Section>().Single(s => s.Heading.StartsWith("Overdue", StringComparison.Ordinal)).Heading;
        Assert.Contains(WebUtility.HtmlEncode(overdueHeading), page);
    }

    [Fact]
    public async Task ThePageCountsPerCategory_AndShowsNinetyDaysOfDueDates()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var page = await anita.GetPageAsync("/Tenant/ControlTower");

        var byCategory = Rows(page, "rag-by-category");
        Assert.Contains(byCategory, r => r[0] == "GST");
        Assert.Equal(Rows(page, "rag-by-entity").Sum(r => r.Skip(1).Sum(int.Parse)), byCategory.Sum(r => r.Skip(1).Sum(int.Parse)));
        Assert.Equal(90, Cells().Matches(page[page.IndexOf("id=\"heat-map\"", StringComparison.Ordinal)..]).Count);
        Assert.Contains("title=\"2026-11-22:", page);
        Assert.Contains("title=\"2027-02-19:", page); // the 90th day
    }

    [Fact]
    public async Task AnotherTenantsAdmin_SeesOnlyTheirOwnEntities()
    {
        using var suresh = await PortalWorld.SureshAsync(_host);
        var page = await suresh.GetPageAsync("/Tenant/ControlTower");

        Assert.Contains("Bharat", page);
        Assert.DoesNotContain("Acme", page);
        Assert.All(Rows(page, "rag-by-entity"), r => Assert.StartsWith("Bharat", r[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOperator_HasNoTenantControlTower()
    {
        using var op = await PortalWorld.OperatorAsync(_host);
        using var response = await op.GetAsync("/Tenant/ControlTower");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task InChromium_AnitaSignsIn_AndLandsOnTheControlTower()
    {
        var page = await chromium.NewPageAsync(_host.BaseUrl);
        await PortalWorld.SignInAsync(page, PortalWorld.AnitaEmail, PortalWorld.AnitaPassword);

        await page.WaitForURLAsync("**/Tenant/ControlTower");
        Assert.Equal("Control tower", await page.TextContentAsync("h1"));
        Assert.True(await page.Locator("#rag-by-entity tbody tr").CountAsync() == 2);
        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "__Host-cos-admin" && c.Secure && c.HttpOnly);
        await ChromiumFixture.ScreenshotAsync(page, "control-tower");
    }

    private async Task<ResolvedIdentity> IdentityAsync(Guid tenant, Guid userId)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        var user = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.EntityAccess).SingleAsync(u => u.Id == userId);
        return new ResolvedIdentity(tenant, "Acme", user);
    }

    private static List<string[]> Rows(string page, string tableId)
    {
        var start = page.IndexOf($"id=\"{tableId}\"", StringComparison.Ordinal);
        var body = page[start..page.IndexOf("</table>", start, StringComparison.Ordinal)];
        return RowPattern().Matches(body[body.IndexOf("<tbody>", StringComparison.Ordinal)..])
            .Select(m => CellPattern().Matches(m.Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value.Trim())).ToArray())
            .Where(r => r.Length == 4)
            .ToList();
    }

    private static IEnumerable<int> Numbers(string s) => Regex.Matches(s, @"\d+").Select(m => int.Parse(m.Value));

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<div class=\"h[0-3]\" title=")]
    private static partial Regex Cells();
}
