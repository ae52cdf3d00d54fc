using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace ComplianceOs.Integration.Tests.Teams.Auth;

/// <summary>A channel signing key served by <see cref="FakeBotFrameworkServer"/>; null endorsements omit the property.</summary>
internal sealed record ServedKey(string Kid, RSA Rsa, string[]? Endorsements);

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) serving the Bot Framework OpenID metadata document and a JWKS whose
/// keys carry <c>endorsements</c>. Counts requests so tests can assert cache behaviour.
/// </summary>
internal sealed class FakeBotFrameworkServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private ServedKey[] _keys;
    private int _metadataRequests;
    private int _keysRequests;
    private bool _stopped;

    private FakeBotFrameworkServer(WebApplication app, ServedKey[] keys)
    {
        _app = app;
        _keys = keys;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public string MetadataUrl => $"{BaseUrl}/.well-known/openidconfiguration";

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int KeysRequests => Volatile.Read(ref _keysRequests);

    public static async Task<FakeBotFrameworkServer> StartAsync(params ServedKey[] keys)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeBotFrameworkServer(app, keys);
        app.MapGet("/.well-known/openidconfiguration", (HttpContext _) =>
        {
            Interlocked.Increment(ref server._metadataRequests);
            return Results.Content(
                JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = "https://api.botframework.com",
                    ["jwks_uri"] = $"{server.BaseUrl}/keys",
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                }),
                "application/json");
        });
        app.MapGet("/keys", () =>
        {
            Interlocked.Increment(ref server._keysRequests);
            return Results.Content(JsonSerializer.Serialize(new { keys = Volatile.Read(ref server._keys).Select(ToJwk).ToArray() }), "application/json");
        });
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    /// <summary>Replaces the served key set (key rotation).</summary>
    public void ServeKeys(params ServedKey[] keys) => Volatile.Write(ref _keys, keys);

    /// <summary>Stops the server: later fetches fail with a connection error.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private static Dictionary<string, object> ToJwk(ServedKey key)
    {
        var parameters = key.Rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.Kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
        };
        if (key.Endorsements is not null)
        {
            jwk["endorsements"] = key.Endorsements;
        }

        return jwk;
    }
}
