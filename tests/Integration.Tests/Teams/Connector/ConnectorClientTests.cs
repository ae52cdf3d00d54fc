using System.Net;
using System.Text.Json;
using ComplianceOs.BotHost.Teams.Auth;
using ComplianceOs.BotHost.Teams.Connector;
using ComplianceOs.BotHost.Teams.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ComplianceOs.Integration.Tests.Teams.Connector;

public class ConnectorClientTests
{
    private static (ConnectorClient Client, ConnectorTokenProvider Tokens) Create(FakeConnector fake, bool anonymous = false)
    {
        var options = Options.Create(new BotOptions
        {
            AppId = anonymous ? string.Empty : "bot-app-id",
            AppPassword = anonymous ? string.Empty : "secret",
            AllowAnonymous = anonymous,
            TokenEndpoint = fake.BaseUrl + "/token",
        });
        var tokens = new ConnectorTokenProvider(new HttpClient(), options, TimeProvider.System, NullLogger<ConnectorTokenProvider>.Instance);
        return (new ConnectorClient(new HttpClient(), tokens, NullLogger<ConnectorClient>.Instance), tokens);
    }

    private static Activity Message(string text) => new() { Type = "message", Text = text };

    [Fact]
    public async Task Send_UsesOneCachedClientCredentialsToken_AsBearer()
    {
        await using var fake = await FakeConnector.StartAsync();
        var (client, _) = Create(fake);

        var first = await client.SendToConversationAsync(fake.BaseUrl, "a:1", Message("one"));
        var second = await client.SendToConversationAsync(fake.BaseUrl, "a:1", Message("two"));

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal("activity-1", first.Id);
        Assert.Equal(1, fake.TokenRequests);
        var tokenRequest = fake.Requests.First(r => r.RawPath.StartsWith("/token", StringComparison.Ordinal));
        Assert.Contains("grant_type=client_credentials", tokenRequest.Body);
        Assert.Contains("client_id=bot-app-id", tokenRequest.Body);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", tokenRequest.Body);
        Assert.All(fake.Requests.Where(r => r.RawPath.StartsWith("/v3/", StringComparison.Ordinal)), r => Assert.Equal("Bearer token-1", r.Authorization));
    }

    [Fact]
    public async Task AnonymousMode_SendsNoToken()
    {
        await using var fake = await FakeConnector.StartAsync();
        var (client, _) = Create(fake, anonymous: true);

        Assert.True((await client.SendToConversationAsync(fake.BaseUrl, "a:1", Message("hi"))).Succeeded);

        Assert.Equal(0, fake.TokenRequests);
        Assert.Null(Assert.Single(fake.Requests).Authorization);
    }

    [Fact]
    public async Task UnreachableConnector_IsAFailedResult_NotAnException()
    {
        await using var fake = await FakeConnector.StartAsync();
        var (client, _) = Create(fake, anonymous: true);
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var result = await client.SendToConversationAsync($"http://127.0.0.1:{port}/", "a:1", Message("hi"));

        Assert.False(result.Succeeded);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
    }

    [Fact]
    public async Task Ids_AreEscapedOnceAsPathSegments()
    {
        await using var fake = await FakeConnector.StartAsync();
        var (client, _) = Create(fake, anonymous: true);

        await client.UpdateActivityAsync(fake.BaseUrl, "19:abc@thread.tacv2;messageid=17/x", "1:2", Message("updated"));

        var request = Assert.Single(fake.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D17%2Fx/activities/1%3A2", request.RawPath);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("updated", body.RootElement.GetProperty("text").GetString());
        Assert.False(body.RootElement.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task TooManyRequests_IsRetriedAfterRetryAfter()
    {
        await using var fake = await FakeConnector.StartAsync();
        var (client, _) = Create(fake, anonymous: true);
        fake.Then(429, retryAfter: "1");

        var started = DateTime.UtcNow;
        var result = await client.SendToConversationAsync(fake.BaseUrl, "a:1", Message("hi"));

        Assert.True(result.Succeeded);
        Assert.Equal(2, fake.Requests.Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task ServerError_OnPut_IsRetried_OnPost_OnlyOnce()
    {
        await using var fake = await FakeConnector.StartAsync();
        var (client, _) = Create(fake, anonymous: true);
        fake.Then(502);
        fake.Then(502);
        Assert.True((await client.UpdateActivityAsync(fake.BaseUrl, "a:1", "m1", Message("x"))).Succeeded);
        Assert.Equal(3, fake.Requests.Count);

        fake.Requests.Clear();
        fake.Then(500);
        fake.Then(500);
        var post = await client.SendToConversationAsync(fake.BaseUrl, "a:1", Message("y"));
        Assert.False(post.Succeeded);
        Assert.Equal(HttpStatusCode.InternalServerError, post.Status);
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task Forbidden_IsReportedAsNotInstalled_WithTheChannelsErrorCode()
    {
        await using var fake = await FakeConnector.StartAsync();
        var (client, _) = Create(fake, anonymous: true);
        fake.Then(403, """{"error":{"code":"MessageWritesBlocked","message":"blocked"}}""");

        var result = await client.SendToConversationAsync(fake.BaseUrl, "a:1", Message("hi"));

        Assert.False(result.Succeeded);
        Assert.True(result.AppNotInstalled);
        Assert.Equal("MessageWritesBlocked", result.ErrorCode);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task CreateConversation_SendsBotUserAndTenant()
    {
        await using var fake = await FakeConnector.StartAsync();
        var (client, _) = Create(fake, anonymous: true);
        fake.Then(201, """{"id":"a:new-conversation","activityId":"x"}""");

        var result = await client.CreateConversationAsync(fake.BaseUrl, "28:bot", "29:user", "tenant-1");

        Assert.Equal("a:new-conversation", result.Id);
        using var body = JsonDocument.Parse(Assert.Single(fake.Requests).Body);
        Assert.Equal("28:bot", body.RootElement.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal("29:user", body.RootElement.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal("tenant-1", body.RootElement.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
    }
}
