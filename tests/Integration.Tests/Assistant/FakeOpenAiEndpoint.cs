using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Integration.Tests.Assistant;

/// <summary>
/// A local OpenAI-compatible chat endpoint on 127.0.0.1 (<c>POST /v1/chat/completions</c>) that answers with a
/// scripted text and records every request, so a test sees exactly what the product sends the model.
/// </summary>
internal sealed class FakeOpenAiEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<JsonObject> _requests = [];
    private readonly Lock _lock = new();

    private FakeOpenAiEndpoint(WebApplication app) => _app = app;

    /// <summary>What the model "writes"; change it between questions.</summary>
    public string Answer { get; set; } = string.Empty;

    /// <summary>When set, the endpoint answers with this HTTP status instead (a failing model).</summary>
    public int? FailWith { get; set; }

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<JsonObject> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeOpenAiEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeOpenAiEndpoint(app);
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
            lock (fake._lock)
            {
                fake._requests.Add(body);
            }

            if (fake.FailWith is { } status)
            {
                return Results.Json(new { error = new { message = "scripted failure", type = "server_error" } }, statusCode: status);
            }

            return Results.Json(new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                created = 1_763_850_000,
                model = body["model"]?.GetValue<string>(),
                choices = new[]
                {
                    new { index = 0, message = new { role = "assistant", content = fake.Answer }, finish_reason = "stop" },
                },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            });
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/v1";
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
