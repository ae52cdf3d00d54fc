using ComplianceOs.AdminPortal;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;

/// <summary>
/// The admin portal as run.sh runs it — Kestrel on a free loopback port, the app role's connection — against a test
/// database, so both HttpClient tests and Chromium reach it.
/// </summary>
public sealed class PortalHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PortalHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<PortalHost> StartAsync(DatabaseFixture db, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var app = PortalApp.Build(["--urls", "http://127.0.0.1:0"], b =>
        {
            var all = new Dictionary<string, string?>
            {
                ["ConnectionStrings:ComplianceDb"] = db.AppConnectionString,
                // Other tests' sign-ins share 127.0.0.1; the rate limit has tests of its own.
                ["Portal:SignIn:AttemptsPerMinute"] = "10000",
            };
            foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
            {
                all[k] = v;
            }

            b.Configuration.AddInMemoryCollection(all);
            if (clock is not null)
            {
                b.Services.AddSingleton(clock);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PortalHost(app, address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public PortalClient Client() => new(BaseUrl);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
