using System.Net;
using System.Text.Json.Nodes;
using ComplianceOs.BotHost.Slack;
using ComplianceOs.BotHost.Slack.Install;
using ComplianceOs.Domain.Channels.Slack.Install;
using ComplianceOs.Domain.Channels.Slack.IssueInstallLink;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Tenancy.CreateTenant;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ComplianceOs.Integration.Tests.Slack.Install;

/// <summary>
/// The OAuth v2 install flow end to end: a real host (install endpoints only), the real database, and a fake Slack
/// for oauth.v2.access and auth.test. Each test makes its own tenants and workspaces.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class SlackInstallTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private SlackInstallHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.ClientId = SlackInstallHost.ClientId;
        _slack.ClientSecret = SlackInstallHost.ClientSecret;
        _host = await SlackInstallHost.StartAsync(
            SlackInstallHost.Settings(fixture, _slack, SlackInstallHost.NewKeyRingPath(), SlackInstallHost.NewProtectionKey()));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Install_HappyPath_StoresTheEncryptedToken_BindsTheWorkspace_AndAuditsWithoutTheToken()
    {
        var tenant = await TestWorld.CreateTenantAsync(fixture);
        var ws = AddWorkspace("Acme Workspace");
        _slack.AddOAuthCode("code-happy-" + ws.TeamId, ws.TeamId, "UADMIN0001");

        var issued = await IssueAsync(tenant.TenantId, "Asha Admin");
        Assert.StartsWith(SlackInstallHost.PublicBaseUrl + "/slack/install?link=", issued.Url, StringComparison.Ordinal);

        var start = await StartAsync(issued.Url);
        Assert.Equal(HttpStatusCode.Redirect, start.Response.StatusCode);
        var location = start.Response.Headers.Location!;
        Assert.Equal(SlackInstallHost.AuthorizeUrl, location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(SlackInstallHost.ClientId, query["client_id"].ToString());
        Assert.Equal(
            ["app_mentions:read", "chat:write", "commands", "files:read", "im:history", "im:read", "im:write", "users:read", "users:read.email"],
            query["scope"].ToString().Split(',').Order(StringComparer.Ordinal));
        Assert.Equal(SlackInstallHost.PublicBaseUrl + "/slack/oauth/callback", query["redirect_uri"].ToString());
        Assert.False(string.IsNullOrEmpty(start.State));
        var cookie = Assert.Single(SetCookieHeaderValue.ParseList(start.Response.Headers.GetValues(HeaderNames.SetCookie).ToList()), c => c.Name == SlackInstallEndpoints.NonceCookie);
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
        Assert.False(string.IsNullOrEmpty(start.Nonce));
        Assert.DoesNotContain(start.Nonce!, start.State!, StringComparison.Ordinal);

        var done = await CallbackAsync("code-happy-" + ws.TeamId, start.State, start.Nonce);

        var page = await done.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.StartsWith("text/html", done.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Compliance OS is installed in Acme Workspace", page, StringComparison.Ordinal);

        var exchange = Assert.Single(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal(SlackInstallHost.PublicBaseUrl + "/slack/oauth/callback", exchange.Arg("redirect_uri"));
        Assert.Equal("code-happy-" + ws.TeamId, exchange.Arg("code"));
        Assert.Equal(ws.Token, Assert.Single(_slack.CallsTo("auth.test")).Token);

        await using (var db = _host.Get<ComplianceDbFactory>().ForTenant(tenant.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var installation = await db.SlackInstallations.SingleAsync(i => i.TeamId == ws.TeamId);
            Assert.NotEqual(ws.Token, installation.EncryptedBotToken);
            Assert.DoesNotContain(ws.Token, installation.EncryptedBotToken, StringComparison.Ordinal);
            Assert.Equal(("Acme Workspace", ws.BotUserId, ws.BotId, "A0FAKEAPP1", "UADMIN0001"),
                (installation.TeamName, installation.BotUserId, installation.BotId, installation.AppId, installation.InstalledBySlackUserId));
            Assert.Contains("users:read.email", installation.Scopes, StringComparison.Ordinal);
            Assert.True(await db.SlackWorkspaceBindings.AnyAsync(b => b.SlackTeamId == ws.TeamId && b.TenantId == tenant.TenantId));
            var link = await db.SlackInstallLinks.SingleAsync(l => l.Id == issued.LinkId);
            Assert.NotNull(link.UsedAt);
            Assert.Equal(ws.TeamId, link.UsedForTeamId);

            var entries = await db.AuditEntries.Where(e => e.TenantId == tenant.TenantId).ToListAsync();
            Assert.Contains(entries, e => e.Action == AuditAction.SlackInstallLinkIssued && e.TargetId == issued.LinkId.ToString());
            var audited = Assert.Single(entries, e => e.Action == AuditAction.SlackWorkspaceInstalled);
            Assert.Equal((ws.TeamId, Channel.Slack), (audited.TargetId, audited.Channel));
            var after = JsonNode.Parse(audited.After!)!;
            Assert.Equal(ws.TeamId, after["teamId"]!.GetValue<string>());
            Assert.Equal("Acme Workspace", after["teamName"]!.GetValue<string>());
            Assert.Equal(ws.BotUserId, after["botUserId"]!.GetValue<string>());
            Assert.Contains("chat:write", after["scopes"]!.GetValue<string>(), StringComparison.Ordinal);
            foreach (var entry in entries)
            {
                Assert.DoesNotContain(ws.Token, (entry.Before ?? string.Empty) + (entry.After ?? string.Empty), StringComparison.Ordinal);
                Assert.DoesNotContain(installation.EncryptedBotToken, entry.After ?? string.Empty, StringComparison.Ordinal);
            }
        }

        var found = await _host.Get<SlackInstalledTokens>().FindAsync(tenant.TenantId, ws.TeamId.ToLowerInvariant(), CancellationToken.None);
        Assert.Equal(new SlackInstalledToken(ws.Token, ws.BotUserId, ws.BotId), found);
        Assert.DoesNotContain(ws.Token, found!.ToString(), StringComparison.Ordinal);

        // Another tenant never finds it, even knowing the team id.
        var other = await TestWorld.CreateTenantAsync(fixture);
        Assert.Null(await _host.Get<SlackInstalledTokens>().FindAsync(other.TenantId, ws.TeamId, CancellationToken.None));
    }

    [Fact]
    public async Task TheSameLinkTwice_Is410_AndTheSecondWritesNothing()
    {
        var tenant = await TestWorld.CreateTenantAsync(fixture);
        var first = AddWorkspace("First Workspace");
        var second = AddWorkspace("Second Workspace");
        _slack.AddOAuthCode("code-first-" + first.TeamId, first.TeamId, "UADMIN0001");
        _slack.AddOAuthCode("code-second-" + second.TeamId, second.TeamId, "UADMIN0002");
        var issued = await IssueAsync(tenant.TenantId);
        var start = await StartAsync(issued.Url);
        Assert.Equal(HttpStatusCode.OK, (await CallbackAsync("code-first-" + first.TeamId, start.State, start.Nonce)).StatusCode);

        // The link page refuses a used link…
        var again = await StartAsync(issued.Url);
        Assert.Equal(HttpStatusCode.Gone, again.Response.StatusCode);
        Assert.Contains("already used", await again.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(again.State);

        // …and a replayed state (another code, another workspace) loses the conditional update.
        var replay = await CallbackAsync("code-second-" + second.TeamId, start.State, start.Nonce);

        Assert.Equal(HttpStatusCode.Gone, replay.StatusCode);
        Assert.Contains("already used or expired", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await WrittenForTeamAsync(second.TeamId));
        Assert.Equal((1, 1, 1), await WrittenForTeamAsync(first.TeamId));
    }

    [Fact]
    public async Task AnExpiredLink_Is410_AtTheLinkAndAtTheCallback_AndWritesNothing()
    {
        var tenant = await TestWorld.CreateTenantAsync(fixture);
        var ws = AddWorkspace("Late Workspace");
        _slack.AddOAuthCode("code-late-" + ws.TeamId, ws.TeamId, "UADMIN0001");
        var yesterday = new TestClock(DateTimeOffset.UtcNow - IssueSlackInstallLinkHandler.Lifetime - TimeSpan.FromMinutes(5));
        var handler = new IssueSlackInstallLinkHandler(
            _host.Get<ComplianceDbFactory>(), _host.Get<AuditLog>(), yesterday, _host.Get<SlackInstallTokens>(), _host.Get<IOptions<SlackOptions>>());
        var issued = (await handler.HandleAsync(tenant.AsAdmin(), new IssueSlackInstallLinkCommand("Asha Admin"))).Value!;

        var start = await StartAsync(issued.Url);

        Assert.Equal(HttpStatusCode.Gone, start.Response.StatusCode);
        Assert.Contains("expired", await start.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(start.State);

        // A state for the link made before it expired (the user lingered on Slack's page) is refused by the update.
        var nonce = SlackInstallTokens.NewNonce();
        var state = _host.Get<SlackInstallTokens>().ProtectState(new SlackInstallState(tenant.TenantId, issued.LinkId, nonce));
        var done = await CallbackAsync("code-late-" + ws.TeamId, state, nonce);

        Assert.Equal(HttpStatusCode.Gone, done.StatusCode);
        Assert.Equal((0, 0, 0), await WrittenForTeamAsync(ws.TeamId));
        Assert.False(await LinkUsedAsync(tenant.TenantId, issued.LinkId));
    }

    [Fact]
    public async Task ATamperedState_Is400_AndSlackIsNotAsked()
    {
        var tenant = await TestWorld.CreateTenantAsync(fixture);
        var ws = AddWorkspace("Tamper Workspace");
        _slack.AddOAuthCode("code-tamper-" + ws.TeamId, ws.TeamId, "UADMIN0001");
        var start = await StartAsync((await IssueAsync(tenant.TenantId)).Url);
        var state = start.State!;
        var middle = state.Length / 2;
        var tampered = state[..middle] + (state[middle] == 'A' ? 'B' : 'A') + state[(middle + 1)..];

        var done = await CallbackAsync("code-tamper-" + ws.TeamId, tampered, start.Nonce);

        Assert.Equal(HttpStatusCode.BadRequest, done.StatusCode);
        var page = await done.Content.ReadAsStringAsync();
        Assert.Contains("not valid", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal((0, 0, 0), await WrittenForTeamAsync(ws.TeamId));
    }

    [Fact]
    public async Task AStateFromAnotherBrowser_Is400_AndSlackIsNotAsked()
    {
        var tenant = await TestWorld.CreateTenantAsync(fixture);
        var ws = AddWorkspace("Csrf Workspace");
        _slack.AddOAuthCode("code-csrf-" + ws.TeamId, ws.TeamId, "UADMIN0001");
        var victim = await StartAsync((await IssueAsync(tenant.TenantId)).Url);
        var attacker = await StartAsync((await IssueAsync(tenant.TenantId)).Url);

        var otherCookie = await CallbackAsync("code-csrf-" + ws.TeamId, victim.State, attacker.Nonce);
        var noCookie = await CallbackAsync("code-csrf-" + ws.TeamId, victim.State, nonce: null);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (otherCookie.StatusCode, noCookie.StatusCode));
        Assert.Contains("another browser", await otherCookie.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
        Assert.Equal((0, 0, 0), await WrittenForTeamAsync(ws.TeamId));
    }

    [Fact]
    public async Task AccessDenied_ShowsAFriendlyCancelledPage()
    {
        var tenant = await TestWorld.CreateTenantAsync(fixture);
        var start = await StartAsync((await IssueAsync(tenant.TenantId)).Url);

        var done = await _host.CreateClient().SendAsync(Callback($"/slack/oauth/callback?error=access_denied&state={Uri.EscapeDataString(start.State!)}", start.Nonce));

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Installation cancelled", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_slack.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task SlackRefusingTheCode_Is502NamingItsError_AndWritesNothing()
    {
        var tenant = await TestWorld.CreateTenantAsync(fixture);
        var ws = AddWorkspace("Refused Workspace");
        var issued = await IssueAsync(tenant.TenantId);
        var start = await StartAsync(issued.Url);

        var done = await CallbackAsync("code-nobody-issued", start.State, start.Nonce);

        Assert.Equal(HttpStatusCode.BadGateway, done.StatusCode);
        Assert.Contains("invalid_code", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_slack.CallsTo("auth.test"));
        Assert.Equal((0, 0, 0), await WrittenForTeamAsync(ws.TeamId));
        Assert.False(await LinkUsedAsync(tenant.TenantId, issued.LinkId));
    }

    [Fact]
    public async Task AnOrgWideInstall_Is400_AndWritesNothing()
    {
        var tenant = await TestWorld.CreateTenantAsync(fixture);
        var issued = await IssueAsync(tenant.TenantId);
        var start = await StartAsync(issued.Url);
        _slack.Enqueue("oauth.v2.access", new JsonObject
        {
            ["ok"] = true,
            ["access_token"] = "xoxb-org-wide",
            ["bot_user_id"] = "UORGBOT",
            ["app_id"] = "A0FAKEAPP1",
            ["team"] = null,
            ["enterprise"] = new JsonObject { ["id"] = "E0ORGWIDE" },
            ["is_enterprise_install"] = true,
        });

        var done = await CallbackAsync("code-org", start.State, start.Nonce);

        Assert.Equal(HttpStatusCode.BadRequest, done.StatusCode);
        Assert.Contains("Org-wide installs are not supported", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await LinkUsedAsync(tenant.TenantId, issued.LinkId));
    }

    [Fact]
    public async Task AWorkspaceOfAnotherTenant_Is409_AndWritesNothing()
    {
        var ws = AddWorkspace("Taken Workspace");
        var owner = await fixture.Get<CreateTenantHandler>().HandleAsync(
            new PlatformContext(Actor.System("test"), Channel.Cli),
            new CreateTenantCommand($"Owner {Guid.NewGuid():N}"[..20], null, null, [ws.TeamId]));
        Assert.True(owner.Succeeded, owner.ToString());
        var tenant = await TestWorld.CreateTenantAsync(fixture);
        _slack.AddOAuthCode("code-taken-" + ws.TeamId, ws.TeamId, "UADMIN0001");
        var issued = await IssueAsync(tenant.TenantId);
        var start = await StartAsync(issued.Url);

        var done = await CallbackAsync("code-taken-" + ws.TeamId, start.State, start.Nonce);

        Assert.Equal(HttpStatusCode.Conflict, done.StatusCode);
        Assert.Contains("already connected to another organisation", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await LinkUsedAsync(tenant.TenantId, issued.LinkId));
        Assert.Equal((1, 0, 0), await WrittenForTeamAsync(ws.TeamId));
        await using var owner2 = await fixture.OpenOwnerAsync();
        await using var cmd = owner2.CreateCommand();
        cmd.CommandText = "SELECT tenant_id FROM slack_workspace_bindings WHERE slack_team_id = @t";
        cmd.Parameters.AddWithValue("t", ws.TeamId);
        Assert.Equal(owner.Value!.Id, (Guid)(await cmd.ExecuteScalarAsync())!);
        await using var db = _host.Get<ComplianceDbFactory>().ForTenant(tenant.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.SlackWorkspaceInstalled));
    }

    [Fact]
    public async Task AWorkspaceAlreadyBoundToThisTenant_Installs_AndAReinstallReplacesTheToken()
    {
        var ws = AddWorkspace("Own Workspace");
        var created = await fixture.Get<CreateTenantHandler>().HandleAsync(
            new PlatformContext(Actor.System("test"), Channel.Cli),
            new CreateTenantCommand($"Own {Guid.NewGuid():N}"[..20], null, null, [ws.TeamId]));
        var tenantId = created.Value!.Id;
        _slack.AddOAuthCode("code-own-1-" + ws.TeamId, ws.TeamId, "UADMIN0001");
        var first = await StartAsync((await IssueAsync(tenantId)).Url);
        Assert.Equal(HttpStatusCode.OK, (await CallbackAsync("code-own-1-" + ws.TeamId, first.State, first.Nonce)).StatusCode);

        // Slack issues a new token on reinstall (e.g. after a scope change).
        var rotated = ws with { Token = "xoxb-rotated-" + Guid.NewGuid().ToString("N") };
        _slack.AddWorkspace(ws.TeamId, rotated.Token, ws.BotUserId, ws.BotId, "Own Workspace");
        _slack.AddOAuthCode("code-own-2-" + ws.TeamId, ws.TeamId, "UADMIN0002");
        var second = await StartAsync((await IssueAsync(tenantId)).Url);
        Assert.Equal(HttpStatusCode.OK, (await CallbackAsync("code-own-2-" + ws.TeamId, second.State, second.Nonce)).StatusCode);

        Assert.Equal(rotated.Token, (await _host.Get<SlackInstalledTokens>().FindAsync(tenantId, ws.TeamId, CancellationToken.None))!.BotToken);
        Assert.Equal((1, 1, 2), await WrittenForTeamAsync(ws.TeamId));
    }

    [Fact]
    public async Task ABadLink_Is400WithAPage_AndInstallsOff_Is404()
    {
        var client = _host.CreateClient();
        var bad = await client.GetAsync("/slack/install?link=not-a-real-token");
        var none = await client.GetAsync("/slack/install");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (bad.StatusCode, none.StatusCode));
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Contains("This install link is not valid", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);

        await using var off = await SlackInstallHost.StartAsync(SlackInstallHost.Settings(
            fixture, _slack, SlackInstallHost.NewKeyRingPath(), string.Empty, new Dictionary<string, string?> { ["Slack:ClientId"] = string.Empty }));
        var offClient = off.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await offClient.GetAsync("/slack/install?link=x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await offClient.GetAsync("/slack/oauth/callback?code=x&state=y")).StatusCode);
        var refused = await off.Get<IssueSlackInstallLinkHandler>().HandleAsync((await TestWorld.CreateTenantAsync(fixture)).AsAdmin(), new IssueSlackInstallLinkCommand("Asha"));
        Assert.IsType<SlackInstallsDisabledError>(Assert.Single(refused.Errors));
    }

    private sealed record FakeWorkspace(string TeamId, string Name, string Token, string BotUserId, string BotId);

    private sealed record Started(HttpResponseMessage Response, string? State, string? Nonce);

    private FakeWorkspace AddWorkspace(string name)
    {
        var id = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var ws = new FakeWorkspace("T" + id, name, $"xoxb-{id}-{Guid.NewGuid():N}", "UBOT" + id[..6], "BBOT" + id[..6]);
        _slack.AddWorkspace(ws.TeamId, ws.Token, ws.BotUserId, ws.BotId, name);
        return ws;
    }

    private async Task<SlackInstallLinkIssued> IssueAsync(Guid tenantId, string by = "Asha Admin")
    {
        var result = await _host.Get<IssueSlackInstallLinkHandler>().HandleAsync(
            new CommandContext(tenantId, Actor.System("test"), Channel.Cli, "test"), new IssueSlackInstallLinkCommand(by));
        Assert.True(result.Succeeded, result.ToString());
        return result.Value!;
    }

    /// <summary>Opens an install URL as a browser would; returns the state sent to Slack and the nonce cookie set, if any.</summary>
    private async Task<Started> StartAsync(string installUrl)
    {
        var response = await _host.CreateClient().GetAsync(new Uri(installUrl).PathAndQuery);
        string? state = null;
        string? nonce = null;
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            state = QueryHelpers.ParseQuery(response.Headers.Location!.Query)["state"].ToString();
        }

        if (response.Headers.TryGetValues(HeaderNames.SetCookie, out var cookies))
        {
            nonce = SetCookieHeaderValue.ParseList(cookies.ToList())
                .FirstOrDefault(c => c.Name == SlackInstallEndpoints.NonceCookie && c.Value.Length > 0)?.Value.ToString();
        }

        return new Started(response, state, nonce);
    }

    private Task<HttpResponseMessage> CallbackAsync(string code, string? state, string? nonce) =>
        _host.CreateClient().SendAsync(Callback(
            $"/slack/oauth/callback?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state ?? string.Empty)}", nonce));

    private static HttpRequestMessage Callback(string pathAndQuery, string? nonce)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (nonce is not null)
        {
            request.Headers.Add(HeaderNames.Cookie, $"{SlackInstallEndpoints.NonceCookie}={nonce}");
        }

        return request;
    }

    /// <summary>Bindings, installations and install audit entries for a team, across every tenant (as the schema owner).</summary>
    private async Task<(long Bindings, long Installations, long Audited)> WrittenForTeamAsync(string teamId)
    {
        await using var owner = await fixture.OpenOwnerAsync();
        await using var cmd = owner.CreateCommand();
        cmd.CommandText = """
            SELECT (SELECT count(*) FROM slack_workspace_bindings WHERE slack_team_id = @t),
                   (SELECT count(*) FROM slack_installations WHERE team_id = @t),
                   (SELECT count(*) FROM audit_entries WHERE action = 'SlackWorkspaceInstalled' AND target_id = @t)
            """;
        cmd.Parameters.AddWithValue("t", teamId);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private async Task<bool> LinkUsedAsync(Guid tenantId, Guid linkId)
    {
        await using var db = _host.Get<ComplianceDbFactory>().ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return (await db.SlackInstallLinks.SingleAsync(l => l.Id == linkId)).UsedAt is not null;
    }
}
