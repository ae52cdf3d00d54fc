using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>
/// Stands in for OneDrive/SharePoint's pre-authorised download URLs on 127.0.0.1: serves the bytes registered under
/// a name and records every request (with its Authorization header, which must be absent for these URLs).
/// </summary>
public sealed class FakeFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _files = new();

    private FakeFileServer(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string? Authorization)> Requests { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<FakeFileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeFileServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Serves <paramref name="bytes"/> at a fresh URL (like a Teams downloadUrl) and returns it.</summary>
    public string Add(byte[] bytes, string contentType = "application/octet-stream")
    {
        var id = Guid.NewGuid().ToString("N");
        _files[id] = (bytes, contentType);
        return $"{BaseUrl}/download/{id}?tempauth=fake";
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        Requests.Enqueue((ctx.Request.Path, ctx.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null));
        var id = ctx.Request.Path.Value?.Split('/').LastOrDefault();
        if (id is null || !_files.TryGetValue(id, out var file))
        {
            ctx.Response.StatusCode = 404;
            return;
        }

        ctx.Response.ContentType = file.ContentType;
        ctx.Response.ContentLength = file.Bytes.Length;
        await ctx.Response.Body.WriteAsync(file.Bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
