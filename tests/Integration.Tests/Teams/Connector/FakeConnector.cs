using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Integration.Tests.Teams.Connector;

/// <summary>A recorded request to the fake connector or token endpoint.</summary>
public sealed record RecordedRequest(string Method, string RawPath, string? Authorization, string Body);

/// <summary>
/// A local stand-in for the Bot Connector and the token endpoint on 127.0.0.1: records every request and answers
/// from a script of responses (default: 200 with an id), so tests check exactly what the product sends.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();

    private FakeConnector(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int TokenRequests;

    /// <summary>What the bot posted or updated as messages: every write except typing indicators (timing-dependent).</summary>
    public IEnumerable<RecordedRequest> Messages =>
        Requests.Where(r => r.Method is "POST" or "PUT" && !r.RawPath.StartsWith("/token", StringComparison.Ordinal) && !r.Body.Contains("\"type\":\"typing\"", StringComparison.Ordinal));

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeConnector(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>The next connector request gets this answer instead of the default.</summary>
    public void Then(int status, string? body = null, string? retryAfter = null) =>
        _script.Enqueue(async ctx =>
        {
            ctx.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                ctx.Response.Headers.RetryAfter = retryAfter;
            }

            if (body is not null)
            {
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(body);
            }
        });

    private async Task HandleAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (ctx.Request.Path.StartsWithSegments("/token"))
        {
            Interlocked.Increment(ref TokenRequests);
            Requests.Enqueue(new RecordedRequest(ctx.Request.Method, ctx.Request.Path + ctx.Request.QueryString, null, body));
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("""{"token_type":"Bearer","expires_in":3600,"access_token":"token-""" + TokenRequests + "\"}");
            return;
        }

        var raw = ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        Requests.Enqueue(new RecordedRequest(ctx.Request.Method, raw, ctx.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body));
        if (_script.TryDequeue(out var scripted))
        {
            await scripted(ctx);
            return;
        }

        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync("""{"id":"activity-1"}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
