using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Channels.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Benchmarks.Slack;

/// <summary>
/// <c>slack-floor</c>: the least an Events API endpoint that keeps Slack's promises can do per event, to tell how far
/// the acknowledgement target is from what this machine can do at all. Verify the v0 signature over the raw body,
/// parse it, add the event to our inbox (the Domain's <see cref="SlackInbox"/>: batched, committed before the 200),
/// acknowledge; then answer from memory with one <c>chat.postMessage</c>, as Bolt's <c>say()</c> does. No replay
/// cache, no workspace or person lookup, no conversation, no card: every real event does more.
/// </summary>
public static class SlackFloorApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("FLOOR_APP_CONNECTION") ?? throw new InvalidOperationException("FLOOR_APP_CONNECTION is not set");
        var secret = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("SLACK_SIGNING_SECRET") ?? throw new InvalidOperationException("SLACK_SIGNING_SECRET is not set"));
        var api = Environment.GetEnvironmentVariable("SLACK_API_URL") ?? throw new InvalidOperationException("SLACK_API_URL is not set");
        var token = Environment.GetEnvironmentVariable("SLACK_BOT_TOKEN") ?? throw new InvalidOperationException("SLACK_BOT_TOKEN is not set");
        await using var services = new ServiceCollection().AddDomainModule(connection).BuildServiceProvider();
        var inbox = services.GetRequiredService<SlackInbox>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false }) { BaseAddress = new Uri(api) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var web = WebApplication.CreateSlimBuilder(args);
        web.Logging.ClearProviders();
        var host = web.Build();
        host.MapPost("/slack/events", async (HttpContext ctx) =>
        {
            using var buffer = new MemoryStream((int)(ctx.Request.ContentLength ?? 1024));
            await ctx.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var timestamp = ctx.Request.Headers["X-Slack-Request-Timestamp"].ToString();
            var signature = ctx.Request.Headers["X-Slack-Signature"].ToString();
            if (!long.TryParse(timestamp, out var seconds) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300 || signature.Length != 67)
            {
                return Results.StatusCode(401);
            }

            if (!CryptographicOperations.FixedTimeEquals(SlackSigning.Mac(secret, timestamp, body), Convert.FromHexString(signature.AsSpan(3))))
            {
                return Results.StatusCode(401);
            }

            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.GetProperty("type").GetString() == "url_verification")
            {
                return Results.Json(new { challenge = root.GetProperty("challenge").GetString() });
            }

            var e = root.GetProperty("event");
            var channel = e.GetProperty("channel").GetString()!;
            var text = e.GetProperty("text").GetString();
            await inbox.AddAsync(root.GetProperty("event_id").GetString()!, SlackInboxKind.Event, root.GetProperty("team_id").GetString()!, Encoding.UTF8.GetString(body));
            _ = Task.Run(async () =>
            {
                using var reply = await http.PostAsync("chat.postMessage", JsonContent(new { channel, text = "You said: " + text }));
            });
            return Results.Ok();
        });
        await host.RunAsync();
        return 0;
    }

    private static StringContent JsonContent(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
