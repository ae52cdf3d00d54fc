using System.Security.Cryptography;
using ComplianceOs.BotHost.Slack.Install;
using ComplianceOs.Domain;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Integration.Tests.Slack.Install;

/// <summary>
/// A host with only the install endpoints (Program.cs does not map them yet), on an in-memory test server, with the
/// test database, a key ring in its own temporary directory and the Web API pointed at a <see cref="FakeSlackApi"/>.
/// </summary>
public sealed class SlackInstallHost : IAsyncDisposable
{
    public const string ClientId = "1111.2222";
    public const string ClientSecret = "install-client-secret";
    public const string AuthorizeUrl = "https://slack.example.test/oauth/v2/authorize";
    public const string PublicBaseUrl = "https://bot.example.test";

    private readonly WebApplication _app;

    private readonly bool _ownsKeyRing;

    private SlackInstallHost(WebApplication app, string keyRingPath, bool ownsKeyRing)
    {
        _app = app;
        KeyRingPath = keyRingPath;
        _ownsKeyRing = ownsKeyRing;
    }

    public string KeyRingPath { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public static string NewProtectionKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string NewKeyRingPath() => Path.Combine(Path.GetTempPath(), "cos-slack-keys-" + Guid.NewGuid().ToString("N"));

    /// <summary>The settings of a working install host; <paramref name="overrides"/> replace or remove (null) single keys.</summary>
    public static Dictionary<string, string?> Settings(DatabaseFixture db, FakeSlackApi? slack, string keyRingPath, string protectionKey, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ComplianceDb"] = db.AppConnectionString,
            ["Slack:ClientId"] = ClientId,
            ["Slack:ClientSecret"] = ClientSecret,
            ["Slack:AuthorizeUrl"] = AuthorizeUrl,
            ["Slack:PublicBaseUrl"] = PublicBaseUrl,
            ["Slack:ApiBaseUrl"] = slack?.BaseUrl ?? "http://127.0.0.1:9/api/",
            ["Slack:KeyRingPath"] = keyRingPath,
            ["Slack:KeyRingProtectionKey"] = protectionKey,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Builds and starts the host (start-up runs the options validation); by default its key ring directory is deleted with it.</summary>
    public static async Task<SlackInstallHost> StartAsync(IDictionary<string, string?> settings, bool ownsKeyRing = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddDomainModule(settings["ConnectionStrings:ComplianceDb"]!);
        builder.Services.AddSlackInstall(builder.Configuration);
        var app = builder.Build();
        app.MapSlackInstall();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new SlackInstallHost(app, settings.TryGetValue("Slack:KeyRingPath", out var path) ? path ?? string.Empty : string.Empty, ownsKeyRing);
    }

    /// <summary>A client as a browser on https (so cookies are marked Secure); no redirects followed, no cookie jar.</summary>
    public HttpClient CreateClient()
    {
        var client = _app.GetTestClient();
        client.BaseAddress = new Uri("https://localhost/");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        if (_ownsKeyRing && KeyRingPath.Length > 0 && Directory.Exists(KeyRingPath))
        {
            Directory.Delete(KeyRingPath, recursive: true);
        }
    }
}
