using System.Net;
using ComplianceOs.AdminPortal.Jobs;
using ComplianceOs.AdminPortal.Security;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Jobs.Generation;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>
/// The Hangfire dashboard inside the portal: operators only (a tenant admin gets 403, the anonymous are sent to sign
/// in), reading the jobs' storage without running a server, and the only place the content security policy allows
/// inline scripts and styles.
/// </summary>
public sealed class JobsDashboardTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Dashboard = "/hangfire";

    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheOperator_OpensTheDashboard_UnderTheRelaxedPolicy_AndSeesTheQueuedJobs()
    {
        var jobId = new BackgroundJobClient(_host.Services.GetRequiredService<JobStorage>())
            .Enqueue<TenantJobs>(j => j.GenerateAsync(Guid.NewGuid(), CancellationToken.None));
        using var op = await PortalWorld.OperatorAsync(_host);

        using var home = await op.GetAsync(Dashboard);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(JobsDashboard.Title, await home.Content.ReadAsStringAsync());
        Assert.Equal(SecurityHeaders.DashboardContentSecurityPolicy, Csp(home));
        Assert.Equal("DENY", home.Headers.GetValues("X-Frame-Options").Single());

        using var enqueued = await op.GetAsync($"{Dashboard}/jobs/enqueued");
        Assert.Equal(HttpStatusCode.OK, enqueued.StatusCode);
        var jobs = await enqueued.Content.ReadAsStringAsync();
        Assert.Contains(jobId, jobs);
        Assert.Contains("TenantJobs", jobs);
    }

    [Fact]
    public async Task ATenantAdmin_Gets403_AndNoDashboard()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);

        foreach (var path in new[] { Dashboard, $"{Dashboard}/jobs/enqueued", $"{Dashboard}/recurring" })
        {
            using var response = await anita.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain(JobsDashboard.Title, await response.Content.ReadAsStringAsync());
            // The refusal is an ordinary portal page: the strict policy.
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Csp(response));
        }

        // Nor can a tenant admin act on jobs (the dashboard's own POST endpoints).
        using var retry = await anita.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Dashboard}/recurring/trigger") { Content = new FormUrlEncodedContent([new("jobs[]", "generate-all")]) });
        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
    }

    [Fact]
    public async Task TheAnonymous_AreSentToSignIn_AndComeBackToTheDashboard()
    {
        using var anonymous = _host.Client();

        foreach (var path in new[] { Dashboard, $"{Dashboard}/jobs/enqueued" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.OriginalString;
            Assert.Contains("/Account/SignIn", location);
            Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), location);
        }

        using var signIn = await anonymous.PostFormAsync($"/Account/SignIn?ReturnUrl={Uri.EscapeDataString(Dashboard)}",
            [new("Email", PortalWorld.OperatorEmail), new("Password", PortalWorld.OperatorPassword), new("returnUrl", Dashboard)]);
        Assert.Equal(Dashboard, signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task OtherPages_KeepTheStrictPolicy()
    {
        using var op = await PortalWorld.OperatorAsync(_host);
        using var anita = await PortalWorld.AnitaAsync(_host);

        foreach (var (client, path) in new[] { (op, "/Operator/Tenants"), (anita, "/Tenant/Documents"), (_host.Client(), "/Account/SignIn"), (op, "/hangfire-not-the-dashboard") })
        {
            using var response = await client.GetAsync(path);
            var csp = Csp(response);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
            Assert.DoesNotContain("unsafe-inline", csp);
        }
    }

    [Fact]
    public async Task ThePortal_RunsNoHangfireServer()
    {
        using var op = await PortalWorld.OperatorAsync(_host);
        using (await op.GetAsync(Dashboard))
        {
        }

        Assert.DoesNotContain(_host.Services.GetServices<IHostedService>(), s => s.GetType().Namespace?.StartsWith("Hangfire", StringComparison.Ordinal) == true);
        await using var db = await fixture.OpenOwnerAsync();
        await using var servers = new NpgsqlCommand("SELECT count(*) FROM hangfire.server", db);
        Assert.Equal(0L, await servers.ExecuteScalarAsync());
    }

    private static string Csp(HttpResponseMessage response) => response.Headers.GetValues("Content-Security-Policy").Single();
}
