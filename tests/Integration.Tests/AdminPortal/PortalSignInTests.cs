using System.Net;
using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>Sign-in with local accounts: the hash, the lockout, the rate limit, the cookie, the headers, the roles.</summary>
public sealed class PortalSignInTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture, new Dictionary<string, string?> { ["Portal:SignIn:MaxFailures"] = "5" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheRightPassword_SignsIn_WithAHostOnlySecureHttpOnlyStrictCookie_AndIsAudited()
    {
        using var client = _host.Client();
        using var response = await client.SignInAsync(PortalWorld.AnitaEmail.ToUpperInvariant(), PortalWorld.AnitaPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(client.SetCookieHeaders, h => h.StartsWith("__Host-cos-admin=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);

        using var start = await client.GetAsync("/");
        Assert.Equal("/Tenant/ControlTower", start.Headers.Location!.OriginalString);
        Assert.Contains(await AuditAsync(DemoWorld.Acme.TenantId), a => a == AuditAction.PortalSignedIn);
    }

    [Fact]
    public async Task StoredPasswords_AreIdentityHashes_NeverThePassword()
    {
        await using var db = fixture.Dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync();
        var stored = await db.PortalCredentials.AsNoTracking().SingleAsync(c => c.Email == PortalWorld.AnitaEmail);

        Assert.DoesNotContain(PortalWorld.AnitaPassword, stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(0x01, Convert.FromBase64String(stored.PasswordHash)[0]); // Identity v3 format: PBKDF2 with a salt
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenTheRightPasswordIsThenRefused_AndItIsAudited()
    {
        var email = "suresh.iyer@bharat.example";
        using var client = _host.Client();
        for (var i = 1; i <= 4; i++)
        {
            using var wrong = await client.SignInAsync(email, "not-the-password-" + i);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains(PortalSignIn.WrongCredentials, WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        }

        using var fifth = await client.SignInAsync(email, "not-the-password-5");
        Assert.Contains("locked until", await fifth.Content.ReadAsStringAsync());
        using var right = await client.SignInAsync(email, PortalWorld.SureshPassword);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("locked until", await right.Content.ReadAsStringAsync());
        Assert.DoesNotContain(client.Cookies.Keys, k => k == "__Host-cos-admin");

        var actions = await AuditAsync(DemoWorld.Bharat.TenantId);
        Assert.Equal(5, actions.Count(a => a == AuditAction.PortalSignInFailed));
        Assert.Single(actions, a => a == AuditAction.PortalCredentialLocked);

        // A new password (an admin's reset) clears the lock.
        var passwords = _host.Services.GetRequiredService<PortalPasswords>();
        await passwords.SetForUserAsync(new CommandContext(DemoWorld.Bharat.TenantId, Actor.System("tests"), Channel.Cli), DemoWorld.Bharat.SureshId, PortalWorld.SureshPassword);
        using var after = await client.SignInAsync(email, PortalWorld.SureshPassword);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task AnUnknownEmail_GetsTheSameAnswerAsAWrongPassword()
    {
        using var client = _host.Client();
        using var unknown = await client.SignInAsync("nobody@acme.example", "whatever-password");
        using var wrong = await client.SignInAsync(PortalWorld.AnitaEmail, "whatever-password");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains(PortalSignIn.WrongCredentials, WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()));
        Assert.Contains(PortalSignIn.WrongCredentials, WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AFormPostedWithoutTheAntiforgeryToken_IsRefused()
    {
        using var client = _host.Client();
        await client.GetPageAsync("/Account/SignIn");
        using var response = await client.PostFormAsync("/Account/SignIn", [new("Email", PortalWorld.AnitaEmail), new("Password", PortalWorld.AnitaPassword)], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(client.Cookies.Keys, k => k == "__Host-cos-admin");
    }

    [Fact]
    public async Task EveryPage_CarriesTheSecurityHeaders()
    {
        using var client = _host.Client();
        using var response = await client.GetAsync("/Account/SignIn");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task WithoutSigningIn_EveryPageSendsYouToSignIn()
    {
        using var client = _host.Client();
        foreach (var path in new[] { "/", "/Tenant/ControlTower" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/SignIn", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task ANewPassword_EndsTheSessionsSignedInWithTheOldOne()
    {
        using var client = await PortalWorld.SignedInAsync(_host, PortalWorld.OperatorEmail, PortalWorld.OperatorPassword);
        using (var start = await client.GetAsync("/"))
        {
            Assert.Equal("/Operator/Tenants", start.Headers.Location!.OriginalString);
        }

        var passwords = _host.Services.GetRequiredService<PortalPasswords>();
        await passwords.SetForOperatorAsync(new PlatformContext(Actor.System("tests"), Channel.Cli), DemoWorld.OperatorId, "a-brand-new-operator-password");
        using var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/SignIn", after.Headers.Location!.OriginalString);
        await passwords.SetForOperatorAsync(new PlatformContext(Actor.System("tests"), Channel.Cli), DemoWorld.OperatorId, PortalWorld.OperatorPassword);
    }

    [Fact]
    public async Task ShortPasswords_AreRefused_WithTheRule()
    {
        var passwords = _host.Services.GetRequiredService<PortalPasswords>();
        var result = await passwords.SetForUserAsync(new CommandContext(DemoWorld.Acme.TenantId, Actor.System("tests"), Channel.Cli), DemoWorld.Acme.AnitaId, "short");

        var error = Assert.IsType<ValidationError>(Assert.Single(result.Errors));
        Assert.Contains("at least 12 characters", error.Message);
    }

    [Fact]
    public async Task APersonWhoIsNotAnAdmin_CannotBeGivenAPortalPassword()
    {
        var passwords = _host.Services.GetRequiredService<PortalPasswords>();
        var result = await passwords.SetForUserAsync(new CommandContext(DemoWorld.Acme.TenantId, Actor.System("tests"), Channel.Cli), DemoWorld.Acme.PriyaId, "priya-portal-password");

        Assert.Contains("not an admin", Assert.IsType<ValidationError>(Assert.Single(result.Errors)).Message);
    }

    private async Task<List<AuditAction>> AuditAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
    }
}

/// <summary>The per-address sign-in rate limit, with a low limit of its own.</summary>
public sealed class PortalSignInRateLimitTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task MoreSignInAttemptsThanTheLimit_FromOneAddress_Get429()
    {
        await using var host = await PortalWorld.StartAsync(fixture, new Dictionary<string, string?> { ["Portal:SignIn:AttemptsPerMinute"] = "3" });
        using var client = host.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.SignInAsync("nobody@acme.example", "wrong-password-" + i);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
    }
}
