using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Jobs.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceOs.Integration.Tests.Jobs;

/// <summary>The Hangfire dashboard shows every tenant's jobs: loopback and the configured Basic credentials only, never anonymous.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class JobsDashboardTests(DatabaseFixture fixture)
{
    private const string User = "operator";
    private const string Password = "correct horse battery";

    private WebApplicationFactory<Program> Host(bool configured = true, bool loopback = true) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:ComplianceDb", fixture.AppConnectionString)
                .UseSetting("Bot:AllowAnonymous", "true")
                .UseSetting("Notifications:DispatchIntervalSeconds", "0")
                .UseSetting("Jobs:ServerEnabled", "false");
            if (configured)
            {
                b.UseSetting("Jobs:Dashboard:User", User).UseSetting("Jobs:Dashboard:Password", Password);
            }

            // The in-memory test server has no remote address; this stands for where the request came from.
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddress(loopback ? IPAddress.Loopback : IPAddress.Parse("203.0.113.7"))));
        });

    [Fact]
    public async Task FromLoopback_OnlyTheConfiguredCredentials_OpenIt()
    {
        using var host = Host();
        var client = host.CreateClient();

        var anonymous = await client.GetAsync(DashboardAccess.Path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, User, "wrong password here")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "admin", Password)).StatusCode);

        var allowed = await GetAsync(client, User, Password);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("Compliance OS jobs", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromElsewhere_ItIsNotThere_EvenWithTheCredentials()
    {
        using var host = Host(loopback: false);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host.CreateClient(), User, Password)).StatusCode);
    }

    [Fact]
    public async Task WithoutConfiguredCredentials_ItIsNotMapped()
    {
        using var host = Host(configured: false);
        Assert.Equal(HttpStatusCode.NotFound, (await host.CreateClient().GetAsync(DashboardAccess.Path)).StatusCode);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, DashboardAccess.Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client.SendAsync(request);
    }

    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = address;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
