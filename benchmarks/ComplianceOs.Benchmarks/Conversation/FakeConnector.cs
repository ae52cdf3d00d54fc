using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Benchmarks.Conversation;

/// <summary>
/// The Bot Connector both bots reply through: answers every send, reply and update at once with an id and counts
/// them, so the bots pay a real HTTP round trip per reply and the benchmark can check every turn was answered.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _posts;
    private long _puts;

    private FakeConnector(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public long Posts => Interlocked.Read(ref _posts);

    public long Puts => Interlocked.Read(ref _puts);

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        connector.BaseUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    private async Task HandleAsync(HttpContext http)
    {
        // Read the body as a real connector would, then answer.
        var buffer = new byte[4096];
        while (await http.Request.Body.ReadAsync(buffer) > 0)
        {
        }

        var path = http.Request.Path.Value ?? string.Empty;
        if (HttpMethods.IsGet(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (HttpMethods.IsPut(http.Request.Method))
        {
            Interlocked.Increment(ref _puts);
        }
        else if (path.Contains("/activities", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _posts);
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync("{\"id\":\"" + Guid.NewGuid().ToString("N") + "\"}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
