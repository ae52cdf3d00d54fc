using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Channels.Slack.Install;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>
/// The operator's tenants page: create and deactivate tenants, their Teams tenant ids, their Slack workspaces and
/// install links; every change audited in the platform chain; nothing of it for tenant admins. Also the one browser
/// walk through the operator's and an admin's pages (tenants, the jobs dashboard, documents).
/// </summary>
public sealed partial class TenantsPageTests(DatabaseFixture fixture, ChromiumFixture chromium)
    : IClassFixture<DatabaseFixture>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const string PublicBaseUrl = "https://bot.example.test";

    private readonly string _keyRingPath = Path.Combine(Path.GetTempPath(), "cos-portal-keys-" + Guid.NewGuid().ToString("N"));

    private readonly string _protectionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture, SlackSettings());

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_keyRingPath))
        {
            Directory.Delete(_keyRingPath, recursive: true);
        }
    }

    [Fact]
    public async Task TheOperator_CreatesATenant_WithATeamsTenantId_AuditedInThePlatformChain()
    {
        using var op = await PortalWorld.OperatorAsync(_host);
        var name = $"Chola Textiles {Guid.NewGuid():N}"[..28];
        var teamsId = Guid.NewGuid().ToString();

        using var created = await op.PostFormAsync("/Operator/Tenants", [new("Input.Name", name), new("Input.TimeZone", "Asia/Kolkata"), new("Input.TeamsTenantIds", teamsId.ToUpperInvariant())]);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(DetailsId().Match(created.Headers.Location!.OriginalString).Groups[1].Value);
        var details = WebUtility.HtmlDecode(await op.GetPageAsync(created.Headers.Location!.OriginalString));
        Assert.Contains($"{name} created.", details);
        Assert.Contains(teamsId, details);
        Assert.Contains(name, WebUtility.HtmlDecode(await op.GetPageAsync("/Operator/Tenants")));

        await using var db = fixture.Dbs.ForPlatformWithinTenant(id);
        await using var tx = await db.Database.BeginTransactionAsync();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == id);
        Assert.True(tenant.IsActive);
        Assert.Equal([teamsId], await db.TeamsTenantBindings.Where(b => b.TenantId == id).Select(b => b.TeamsTenantId).ToListAsync());
        var entry = Assert.Single(await PlatformAuditAsync(id));
        Assert.Equal(AuditAction.TenantCreated, entry.Action);
        Assert.Equal(ActorKind.Operator, entry.ActorKind);
        Assert.Equal(DemoWorld.OperatorId, entry.ActorId);
        Assert.Equal(Channel.Portal, entry.Channel);
    }

    public static TheoryData<string, string, string, HttpStatusCode, string, string> BadTenants() => new()
    {
        { "", "Asia/Kolkata", "", HttpStatusCode.BadRequest, "Input.Name", "Name is required" },
        { "Mysore Silks", "Mars/Olympus", "", HttpStatusCode.BadRequest, "Input.TimeZone", "is not an IANA time zone" },
        { "Mysore Silks", "Asia/Kolkata", "not-a-guid", HttpStatusCode.BadRequest, "Input.TeamsTenantIds", "is not a Microsoft Entra tenant id" },
        { "Acme India Pvt Ltd", "Asia/Kolkata", "", HttpStatusCode.Conflict, "Input.Name", "Name already exists" },
        { "Mysore Silks", "Asia/Kolkata", DemoWorld.Acme.TeamsTenantId, HttpStatusCode.Conflict, "Input.TeamsTenantIds", "already exists" },
    };

    [Theory]
    [MemberData(nameof(BadTenants))]
    public async Task BadInput_IsShownBesideItsField_With4xx_AndNoTenantIsWritten(string name, string zone, string teams, HttpStatusCode status, string field, string message)
    {
        using var op = await PortalWorld.OperatorAsync(_host);
        var before = await TenantCountAsync();

        using var response = await op.PostFormAsync("/Operator/Tenants", [new("Input.Name", name), new("Input.TimeZone", zone), new("Input.TeamsTenantIds", teams)]);

        Assert.Equal(status, response.StatusCode);
        Assert.Matches($"""data-valmsg-for="{Regex.Escape(field)}"[^>]*>[^<]*{Regex.Escape(message)}""", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await TenantCountAsync());
    }

    [Fact]
    public async Task TheOperator_AddsAndRemovesTeamsTenantIds_OneBoundElsewhereIsRefused_AndEachChangeIsAudited()
    {
        var tenant = await CreateTenantAsync();
        using var op = await PortalWorld.OperatorAsync(_host);
        var page = $"/Operator/Tenants/Details/{tenant}";
        var teamsId = Guid.NewGuid().ToString();

        using (var added = await op.PostFormAsync(page + "?handler=AddTeams", [new("TeamsTenantId", $"  {teamsId.ToUpperInvariant()} ")], formPage: page))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        Assert.Equal([teamsId], await TeamsIdsAsync(tenant));

        using (var taken = await op.PostFormAsync(page + "?handler=AddTeams", [new("TeamsTenantId", DemoWorld.Acme.TeamsTenantId)], formPage: page))
        {
            Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
            Assert.Matches("""data-valmsg-for="TeamsTenantId"[^>]*>[^<]*is already bound to another tenant""", await taken.Content.ReadAsStringAsync());
        }

        using (var bad = await op.PostFormAsync(page + "?handler=AddTeams", [new("TeamsTenantId", "contoso.onmicrosoft.com")], formPage: page))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Matches("""data-valmsg-for="TeamsTenantId"[^>]*>[^<]*is not a Microsoft Entra tenant id""", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        }

        Assert.Equal([teamsId], await TeamsIdsAsync(tenant));
        Assert.Equal([DemoWorld.Acme.TeamsTenantId], await TeamsIdsAsync(DemoWorld.Acme.TenantId));

        using (var removed = await op.PostFormAsync(page + "?handler=RemoveTeams", [new("TeamsTenantId", teamsId)], formPage: page))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.Empty(await TeamsIdsAsync(tenant));

        // Another tenant's id cannot be removed through this tenant's page.
        using (var foreign = await op.PostFormAsync(page + "?handler=RemoveTeams", [new("TeamsTenantId", DemoWorld.Acme.TeamsTenantId)], formPage: page))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        Assert.Equal([DemoWorld.Acme.TeamsTenantId], await TeamsIdsAsync(DemoWorld.Acme.TenantId));
        var updates = (await PlatformAuditAsync(tenant)).Where(a => a.Action == AuditAction.TenantUpdated).ToList();
        Assert.Equal(2, updates.Count);
        Assert.Contains(teamsId, updates[0].After);
        Assert.DoesNotContain(teamsId, updates[1].After);
        Assert.Equal(2, (await TenantAuditAsync(tenant)).Count(a => a.Action == AuditAction.TenantUpdated));
    }

    [Fact]
    public async Task DeactivatingATenant_NeedsConfirming_EndsItsAdminsSessions_AndTheyCannotSignInAgain()
    {
        using var suresh = await PortalWorld.SureshAsync(_host);
        using (var before = await suresh.GetAsync("/Tenant/Documents"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var op = await PortalWorld.OperatorAsync(_host);
        var page = $"/Operator/Tenants/Details/{DemoWorld.Bharat.TenantId}";
        using (var unconfirmed = await op.PostFormAsync(page + "?handler=Deactivate", [new("ConfirmDeactivate", "false")], formPage: page))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
            Assert.Matches("""data-valmsg-for="ConfirmDeactivate"[^>]*>[^<]*Tick the box""", await unconfirmed.Content.ReadAsStringAsync());
        }

        Assert.True(await IsActiveAsync(DemoWorld.Bharat.TenantId));

        using (var deactivated = await op.PostFormAsync(page + "?handler=Deactivate", [new("ConfirmDeactivate", "true")], formPage: page))
        {
            Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        }

        Assert.False(await IsActiveAsync(DemoWorld.Bharat.TenantId));
        Assert.Contains("Deactivated", await op.GetPageAsync(page));

        using (var after = await suresh.GetAsync("/Tenant/Documents"))
        {
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.Contains("/Account/SignIn", after.Headers.Location!.OriginalString);
        }

        using var again = _host.Client();
        using (var signIn = await again.SignInAsync(PortalWorld.SureshEmail, PortalWorld.SureshPassword))
        {
            Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
            Assert.Contains("not an active admin", WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync()));
        }

        var entry = Assert.Single(await PlatformAuditAsync(DemoWorld.Bharat.TenantId), a => a.Action == AuditAction.TenantDeactivated);
        Assert.Equal(DemoWorld.OperatorId, entry.ActorId);
        Assert.Single(await TenantAuditAsync(DemoWorld.Bharat.TenantId), a => a.Action == AuditAction.TenantDeactivated);

        // A deactivated tenant gets no install link.
        using var link = await op.PostFormAsync(page + "?handler=IssueSlackLink", [], formPage: page);
        Assert.Equal(HttpStatusCode.Forbidden, link.StatusCode);
        Assert.Contains("deactivated", await link.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheOperator_SeesTheSlackWorkspaces_AndIssuesAnInstallLinkThatTheBotHostOpens()
    {
        using var op = await PortalWorld.OperatorAsync(_host);
        var page = $"/Operator/Tenants/Details/{DemoWorld.Acme.TenantId}";
        Assert.Contains(DemoWorld.Acme.SlackTeamId, await op.GetPageAsync(page));

        using var issued = await op.PostFormAsync(page + "?handler=IssueSlackLink", [], formPage: page);

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var body = WebUtility.HtmlDecode(await issued.Content.ReadAsStringAsync());
        var url = InstallLink().Match(body);
        Assert.True(url.Success, "the page shows the install link");
        Assert.StartsWith($"{PublicBaseUrl}{SlackInstallLinkOptions.InstallPath}?link=", url.Value);

        // Another process with the same Slack settings (as the bot host is) opens the token: same key ring, same purpose.
        var token = Uri.UnescapeDataString(url.Groups[1].Value);
        var config = new ConfigurationBuilder().AddInMemoryCollection(SlackSettings()).Build();
        await using var botHost = new ServiceCollection().AddDomainModule(fixture.AppConnectionString).AddSlackInstallLinks(config, validateOnStart: true).BuildServiceProvider();
        var opened = botHost.GetRequiredService<SlackInstallTokens>().UnprotectLink(token);
        Assert.NotNull(opened);
        Assert.Equal(DemoWorld.Acme.TenantId, opened.TenantId);

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var link = await db.SlackInstallLinks.AsNoTracking().SingleAsync(l => l.Id == opened.LinkId);
        Assert.Null(link.UsedAt);
        Assert.Equal("Platform Operator", link.IssuedBy);
        Assert.Single(await PlatformAuditAsync(DemoWorld.Acme.TenantId), a => a.Action == AuditAction.SlackInstallLinkIssued && a.TargetId == link.Id.ToString());
        Assert.Single(await TenantAuditAsync(DemoWorld.Acme.TenantId), a => a.Action == AuditAction.SlackInstallLinkIssued && a.TargetId == link.Id.ToString());

        // The link is shown once, on the answer that issued it; the page lists it, never its URL.
        var later = await op.GetPageAsync(page);
        Assert.DoesNotContain("link=", later);
        Assert.Contains("open until", later);
    }

    [Fact]
    public async Task TenantAdmins_Get403_OnEveryOperatorPage_AndTheAnonymousAreSentToSignIn()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        foreach (var path in new[] { "/Operator/Tenants", $"/Operator/Tenants/Details/{DemoWorld.Acme.TenantId}", $"/Operator/Tenants/Details/{DemoWorld.Bharat.TenantId}" })
        {
            using var response = await anita.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("Teams tenant ids", await response.Content.ReadAsStringAsync());
        }

        var before = await TenantCountAsync();
        using (var post = await anita.PostFormAsync("/Operator/Tenants", [new("Input.Name", "Sneaky Tenant")], formPage: "/Tenant/Documents"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        var page = $"/Operator/Tenants/Details/{DemoWorld.Bharat.TenantId}";
        using (var deactivate = await anita.PostFormAsync(page + "?handler=Deactivate", [new("ConfirmDeactivate", "true")], formPage: "/Tenant/Documents"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, deactivate.StatusCode);
        }

        Assert.Equal(before, await TenantCountAsync());
        Assert.True(await IsActiveAsync(DemoWorld.Bharat.TenantId));

        using var anonymous = _host.Client();
        using var redirected = await anonymous.GetAsync("/Operator/Tenants");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Contains("/Account/SignIn", redirected.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnUnknownTenantId_IsNotFound_OnEveryHandler()
    {
        using var op = await PortalWorld.OperatorAsync(_host);
        var page = $"/Operator/Tenants/Details/{Guid.NewGuid()}";

        using (var get = await op.GetAsync(page))
        {
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }

        foreach (var (handler, field, value) in new[] { ("AddTeams", "TeamsTenantId", Guid.NewGuid().ToString()), ("Deactivate", "ConfirmDeactivate", "true"), ("IssueSlackLink", "x", "y") })
        {
            using var post = await op.PostFormAsync($"{page}?handler={handler}", [new(field, value)], formPage: "/Operator/Tenants");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
    }

    /// <summary>The browser walk: the operator creates a tenant and opens the jobs dashboard; Anita uploads a document. No page breaks its content security policy.</summary>
    [Fact]
    public async Task InChromium_TheOperatorCreatesATenant_OpensTheJobsDashboard_AndAnitaUploadsADocument()
    {
        var operatorPage = await chromium.NewPageAsync(_host.BaseUrl);
        var violations = new List<string>();
        WatchForPolicyViolations(operatorPage, violations);
        await PortalWorld.SignInAsync(operatorPage, PortalWorld.OperatorEmail, PortalWorld.OperatorPassword);
        await operatorPage.WaitForURLAsync("**/Operator/Tenants");
        var name = $"Kaveri Spices {Guid.NewGuid():N}"[..24];
        await operatorPage.FillAsync("#Input_Name", name);
        await operatorPage.FillAsync("#Input_TeamsTenantIds", Guid.NewGuid().ToString());
        await operatorPage.ClickAsync("text=Create tenant");
        await operatorPage.WaitForURLAsync("**/Operator/Tenants/Details/**");
        Assert.Contains($"{name} created.", await operatorPage.InnerTextAsync("p.notice"));
        await ChromiumFixture.ScreenshotAsync(operatorPage, "tenants");

        await operatorPage.ClickAsync("nav >> text=Jobs");
        await operatorPage.WaitForURLAsync("**/hangfire**");
        await operatorPage.WaitForSelectorAsync("text=Compliance OS jobs");
        await operatorPage.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await ChromiumFixture.ScreenshotAsync(operatorPage, "jobs-dashboard");
        await operatorPage.Context.CloseAsync();

        var anitaPage = await chromium.NewPageAsync(_host.BaseUrl);
        WatchForPolicyViolations(anitaPage, violations);
        await PortalWorld.SignInAsync(anitaPage, PortalWorld.AnitaEmail, PortalWorld.AnitaPassword);
        await anitaPage.WaitForURLAsync(u => !u.Contains("/Account/SignIn", StringComparison.Ordinal));
        await anitaPage.GotoAsync("/Tenant/Documents");
        await anitaPage.SetInputFilesAsync("#Upload", new FilePayload
        {
            Name = "vendor-onboarding.md",
            MimeType = "text/markdown",
            Buffer = DocumentsPageTests.Markdown("Vendor onboarding checklist", "Collect the GSTIN and the PAN before the first purchase order."),
        });
        await anitaPage.ClickAsync("button:has-text('Upload')");
        await anitaPage.WaitForSelectorAsync("p.notice");
        Assert.Contains("Vendor onboarding checklist", await anitaPage.InnerTextAsync("#own-documents"));
        await ChromiumFixture.ScreenshotAsync(anitaPage, "documents");
        await anitaPage.Context.CloseAsync();

        Assert.Empty(violations);
    }

    private static void WatchForPolicyViolations(IPage page, List<string> violations)
    {
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
    }

    private Dictionary<string, string?> SlackSettings() => new()
    {
        ["Slack:ClientId"] = "1111.2222",
        ["Slack:PublicBaseUrl"] = PublicBaseUrl,
        ["Slack:KeyRingPath"] = _keyRingPath,
        ["Slack:KeyRingProtectionKey"] = _protectionKey,
    };

    private async Task<Guid> CreateTenantAsync()
    {
        var result = await fixture.Get<Domain.Tenancy.CreateTenant.CreateTenantHandler>().HandleAsync(
            new PlatformContext(Actor.System("tests"), Channel.Cli), new Domain.Tenancy.CreateTenant.CreateTenantCommand($"Tenant {Guid.NewGuid():N}"));
        return result.Value!.Id;
    }

    private async Task<int> TenantCountAsync()
    {
        await using var db = fixture.Dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.Tenants.CountAsync();
    }

    private async Task<bool> IsActiveAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.Tenants.Where(t => t.Id == tenant).Select(t => t.IsActive).SingleAsync();
    }

    private async Task<List<string>> TeamsIdsAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.TeamsTenantBindings.Where(b => b.TenantId == tenant).OrderBy(b => b.TeamsTenantId).Select(b => b.TeamsTenantId).ToListAsync();
    }

    /// <summary>The platform chain's entries about <paramref name="tenant"/> (its creation, updates, links).</summary>
    private async Task<List<AuditEntry>> PlatformAuditAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.TenantId == AuditLog.PlatformChain).OrderBy(a => a.Sequence).ToListAsync();
        return entries.Where(a => a.TargetId == tenant.ToString() || (a.After?.Contains(tenant.ToString(), StringComparison.Ordinal) ?? false)).ToList();
    }

    private async Task<List<AuditEntry>> TenantAuditAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.TenantId == tenant).OrderBy(a => a.Sequence).ToListAsync();
    }

    [GeneratedRegex("/Operator/Tenants/Details/([0-9a-f-]{36})")]
    private static partial Regex DetailsId();

    [GeneratedRegex("""https://bot\.example\.test/slack/install\?link=([^"\s<]+)""")]
    private static partial Regex InstallLink();
}
