using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;

/// <summary>
/// The demo world (seeded as of 2026-11-22) with portal passwords for its three portal accounts, and the portal
/// running against it.
/// </summary>
public static class PortalWorld
{
    public const string AnitaEmail = "anita.desai@acme.example";
    public const string SureshEmail = "suresh.iyer@bharat.example";
    public const string OperatorEmail = DemoWorld.OperatorEmail;
    public const string AnitaPassword = "anita-portal-password-1";
    public const string SureshPassword = "suresh-portal-password-1";
    public const string OperatorPassword = "operator-portal-password-1";

    public static async Task<PortalHost> StartAsync(DatabaseFixture db, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        await db.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        var host = await PortalHost.StartAsync(db, settings, clock);
        var passwords = host.Services.GetRequiredService<PortalPasswords>();
        var cli = Actor.System("tests");
        Check(await passwords.SetForUserAsync(new CommandContext(DemoWorld.Acme.TenantId, cli, Channel.Cli), DemoWorld.Acme.AnitaId, AnitaPassword));
        Check(await passwords.SetForUserAsync(new CommandContext(DemoWorld.Bharat.TenantId, cli, Channel.Cli), DemoWorld.Bharat.SureshId, SureshPassword));
        Check(await passwords.SetForOperatorAsync(new PlatformContext(cli, Channel.Cli), DemoWorld.OperatorId, OperatorPassword));
        return host;
    }

    /// <summary>A client signed in as Anita (Acme's admin).</summary>
    public static Task<PortalClient> AnitaAsync(PortalHost host) => SignedInAsync(host, AnitaEmail, AnitaPassword);

    /// <summary>A client signed in as Suresh (Bharat's admin: the other tenant).</summary>
    public static Task<PortalClient> SureshAsync(PortalHost host) => SignedInAsync(host, SureshEmail, SureshPassword);

    public static Task<PortalClient> OperatorAsync(PortalHost host) => SignedInAsync(host, OperatorEmail, OperatorPassword);

    public static async Task<PortalClient> SignedInAsync(PortalHost host, string email, string password)
    {
        var client = host.Client();
        using var response = await client.SignInAsync(email, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>Signs in through the sign-in page in Chromium, as a person would.</summary>
    public static async Task SignInAsync(Microsoft.Playwright.IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button[type=submit]");
    }

    private static void Check<T>(CommandResult<T> result) where T : class
    {
        if (result.Value is null)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors));
        }
    }
}
