using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ComplianceOs.BotHost.Slack;
using ComplianceOs.BotHost.Slack.Api;
using ComplianceOs.Integration.Tests.Teams.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ComplianceOs.Integration.Tests.Slack;

public sealed class SlackApiClientTests : IAsyncLifetime
{
    private const string TeamA = "T0AAAAAAA";
    private const string TeamB = "T0BBBBBBB";
    private const string TokenA = "xoxb-1111-aaaa-secret-token-a";
    private const string TokenB = "xoxb-2222-bbbb-secret-token-b";

    private readonly CapturingLogger<SlackApiClient> _log = new();
    private FakeSlackApi _slack = null!;
    private SlackApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.AddWorkspace(TeamA, TokenA, "U0BOTA", "B0BOTA", "Acme");
        _slack.AddWorkspace(TeamB, TokenB, "U0BOTB", "B0BOTB", "Globex");
        _slack.AddUser(TeamA, "U0ALICE", "alice", "alice@acme.example", realName: "Alice Rao");
        _slack.AddUser(TeamB, "U0BOB", "bob", "bob@globex.example");
        _client = Create(_slack.BaseUrl, _log);
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        // Whatever a test did, the tokens never reach the logs.
        Assert.DoesNotContain(_log.Lines, line => line.Contains(TokenA, StringComparison.Ordinal) || line.Contains(TokenB, StringComparison.Ordinal));
    }

    private static SlackApiClient Create(string apiBaseUrl, ILogger<SlackApiClient>? logger = null) =>
        new(new HttpClient(), Options.Create(new SlackOptions { ApiBaseUrl = apiBaseUrl }), TimeProvider.System, logger ?? NullLogger<SlackApiClient>.Instance);

    private static JsonArray Blocks(string text) =>
        [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } }];

    [Fact]
    public async Task PostMessage_SendsBearerTokenAndJson_ToTheMethodUrl()
    {
        var result = await _client.PostMessageAsync(TokenA, "C0GENERAL", "GST due", Blocks("*GST* due"), threadTs: "1763850000.000100");

        Assert.True(result.Ok);
        var call = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal("/api/chat.postMessage", call.Path);
        Assert.Equal(TokenA, call.Token);
        Assert.Equal(TeamA, call.TeamId);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal("C0GENERAL", call.Arg("channel"));
        Assert.Equal("GST due", call.Arg("text"));
        Assert.Equal("1763850000.000100", call.Arg("thread_ts"));
        Assert.Equal("*GST* due", call.Json!["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal("C0GENERAL", result.Value.Channel);
        Assert.Matches(@"^\d{10}\.\d{6}$", result.Value.Ts);
    }

    [Fact]
    public async Task OkFalse_IsAFailedResult_WithSlacksErrorCode()
    {
        _slack.EnqueueError("chat.update", "cant_update_message");

        var update = await _client.UpdateAsync(TokenA, "C0GENERAL", "1763850000.000100", "x");
        var unknownUser = await _client.UserInfoAsync(TokenA, "U0NOBODY");
        var badToken = await _client.AuthTestAsync("xoxb-not-a-real-token");

        Assert.Equal((false, "cant_update_message"), (update.Ok, update.Error));
        Assert.Equal((false, "user_not_found"), (unknownUser.Ok, unknownUser.Error));
        Assert.Equal((false, "invalid_auth"), (badToken.Ok, badToken.Error));
        Assert.Equal("invalid_auth", _slack.CallsTo("auth.test").Single().Error);
        Assert.Null(_slack.CallsTo("auth.test").Single().TeamId);
    }

    [Fact]
    public async Task RateLimited_WaitsForRetryAfter_ThenSucceeds()
    {
        _slack.EnqueueRateLimit("chat.postMessage", 1);
        var watch = Stopwatch.StartNew();

        var result = await _client.PostMessageAsync(TokenA, "C0GENERAL", "hello", null);

        Assert.True(result.Ok);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {watch.Elapsed}");
        var calls = _slack.CallsTo("chat.postMessage");
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task RateLimited_PausesThatWorkspaceAndMethod_ForOtherCallsToo()
    {
        _slack.EnqueueRateLimit("users.info", 1);

        var first = _client.UserInfoAsync(TokenA, "U0ALICE");
        var limited = await _slack.WaitForAsync(c => c.Status == 429);
        await Task.Delay(150);
        var sameMethod = _client.UserInfoAsync(TokenA, "U0ALICE");
        var otherWorkspace = await _client.UserInfoAsync(TokenB, "U0BOB");
        await Task.WhenAll(first, sameMethod);

        Assert.True(otherWorkspace.Ok);
        Assert.True((await sameMethod).Ok);
        var calls = _slack.CallsTo("users.info");
        // Ordering, not a time budget (a loaded machine may take any time): the other workspace's call went out while
        // workspace A was still paused, before any of A's calls resumed.
        Assert.True(calls.Single(c => c.TeamId == TeamB).At < calls.Where(c => c.TeamId == TeamA && c.Status == 200).Min(c => c.At), "another workspace is not paused");
        Assert.All(calls.Where(c => c.TeamId == TeamA && c.Status == 200), c => Assert.True(c.At - limited.At >= TimeSpan.FromMilliseconds(950), "the paused method waited"));
    }

    [Fact]
    public async Task RateLimited_ForLongerThanTheClientWaits_AnswersRateLimited_WithoutFurtherCalls()
    {
        _slack.EnqueueRateLimit("chat.update", 120);

        var first = await _client.UpdateAsync(TokenA, "C0GENERAL", "1763850000.000100", "x");
        var second = await _client.UpdateAsync(TokenA, "C0GENERAL", "1763850000.000100", "x");
        var otherMethod = await _client.AuthTestAsync(TokenA);

        Assert.Equal("rate_limited", first.Error);
        Assert.Equal("rate_limited", second.Error);
        Assert.Single(_slack.CallsTo("chat.update"));
        Assert.True(otherMethod.Ok);
    }

    [Fact]
    public async Task RateLimited_ThreeTimes_GivesUp()
    {
        for (var i = 0; i < 4; i++)
        {
            _slack.EnqueueRateLimit("auth.test", 0);
        }

        var result = await _client.AuthTestAsync(TokenA);

        Assert.Equal("rate_limited", result.Error);
        Assert.Equal(3, _slack.CallsTo("auth.test").Count);
    }

    [Fact]
    public async Task ServerError_OnUpdate_IsRetried()
    {
        _slack.Enqueue("chat.update", 500, "internal error");

        var result = await _client.UpdateAsync(TokenA, "C0GENERAL", "1763850000.000100", "edited", Blocks("edited"));

        Assert.True(result.Ok);
        Assert.Equal(new SlackMessageRef("C0GENERAL", "1763850000.000100"), result.Value);
        Assert.Equal([500, 200], _slack.CallsTo("chat.update").Select(c => c.Status));
    }

    [Fact]
    public async Task ServerError_OnPostMessage_PostEphemeral_OrViewsOpen_IsNotRetried()
    {
        _slack.Enqueue("chat.postMessage", 500, """{"ok":false,"error":"internal_error"}""");
        _slack.Enqueue("chat.postEphemeral", 503);
        _slack.Enqueue("views.open", 502);

        var post = await _client.PostMessageAsync(TokenA, "C0GENERAL", "once", null);
        var ephemeral = await _client.PostEphemeralAsync(TokenA, "C0GENERAL", "U0ALICE", "once");
        var modal = await _client.OpenViewAsync(TokenA, "trigger-1", new JsonObject { ["type"] = "modal" });

        Assert.Equal((false, "http_500"), (post.Ok, post.Error));
        Assert.Equal("http_503", ephemeral.Error);
        Assert.Equal("http_502", modal.Error);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Single(_slack.CallsTo("chat.postEphemeral"));
        Assert.Single(_slack.CallsTo("views.open"));
    }

    [Fact]
    public async Task Unreachable_IsANetworkError_RetriedOnlyForSafeMethods()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = Create($"http://127.0.0.1:{port}/api/", _log);

        var post = await client.PostMessageAsync(TokenA, "C0GENERAL", "hi", null);
        var watch = Stopwatch.StartNew();
        var info = await client.UserInfoAsync(TokenA, "U0ALICE");

        // That a post is tried once only is shown with a recorded 5xx (ServerError_OnPostMessage_PostEphemeral_OrViewsOpen_IsNotRetried); a refused
        // connection leaves no record, and an upper bound on time would only measure how busy the machine is.
        Assert.Equal("network", post.Error);
        Assert.Equal("network", info.Error);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), "users.info backed off 200 + 800 ms");
    }

    [Fact]
    public async Task PostMessage_OnePerSecondPerChannel_OtherChannelsNotDelayed()
    {
        var first = _client.PostMessageAsync(TokenA, "C0GENERAL", "one", null);
        var second = _client.PostMessageAsync(TokenA, "C0GENERAL", "two", null);
        var otherChannel = _client.PostMessageAsync(TokenA, "C0RANDOM", "three", null);
        var otherWorkspace = _client.PostMessageAsync(TokenB, "C0GENERAL", "four", null);
        await Task.WhenAll(first, second, otherChannel, otherWorkspace);

        var calls = _slack.CallsTo("chat.postMessage");
        var one = calls.Single(c => c.Arg("text") == "one");
        var two = calls.Single(c => c.Arg("text") == "two");
        Assert.True(two.At - one.At >= TimeSpan.FromMilliseconds(950), $"same channel {two.At - one.At} apart");
        // Other channels and workspaces do not queue behind that slot (an order, not a stopwatch: robust on a busy box).
        Assert.True(calls.Single(c => c.Arg("text") == "three").At < two.At);
        Assert.True(calls.Single(c => c.Arg("text") == "four").At < two.At);
        Assert.All(new[] { first, second, otherChannel, otherWorkspace }, t => Assert.True(t.Result.Ok));
        Assert.Equal(4, calls.Select(c => c.Status == 200 ? c.Arg("text") : null).Distinct().Count());
        Assert.Equal(4, new[] { first, second, otherChannel, otherWorkspace }.Select(t => t.Result.Value!.Ts).Distinct().Count());
    }

    [Fact]
    public async Task UserInfo_ReadsProfileEmail_AndOtherWorkspacesUsersAreNotFound()
    {
        var alice = await _client.UserInfoAsync(TokenA, "U0ALICE");
        var bobWithWrongToken = await _client.UserInfoAsync(TokenA, "U0BOB");

        Assert.True(alice.Ok);
        Assert.Equal(new SlackUser("U0ALICE", TeamA, "alice", "Alice Rao", "alice@acme.example", false, false), alice.Value);
        Assert.Equal("user_not_found", bobWithWrongToken.Error);
        Assert.True(Assert.Single(_slack.CrossWorkspaceCalls).IsCrossWorkspace);
    }

    [Fact]
    public async Task TypedMethods_ReadTheirFields()
    {
        var dm = await _client.OpenConversationAsync(TokenA, "U0ALICE");
        var identity = await _client.AuthTestAsync(TokenA);
        var ephemeral = await _client.PostEphemeralAsync(TokenA, "C0GENERAL", "U0ALICE", "only you");
        var home = await _client.PublishHomeAsync(TokenA, "U0ALICE", new JsonObject { ["type"] = "home", ["blocks"] = Blocks("home") });
        var modal = await _client.OpenViewAsync(TokenA, "trigger-1", new JsonObject { ["type"] = "modal" });

        Assert.Equal("DU0ALICE", dm.Value);
        Assert.Equal("U0ALICE", _slack.CallsTo("conversations.open").Single().Arg("users"));
        Assert.Equal(new SlackAuthIdentity(TeamA, "U0BOTA", "B0BOTA"), identity.Value);
        Assert.True(ephemeral.Ok);
        Assert.Equal("U0ALICE", _slack.CallsTo("chat.postEphemeral").Single().Arg("user"));
        Assert.StartsWith("V", home.Value);
        Assert.Equal("U0ALICE", _slack.CallsTo("views.publish").Single().Arg("user_id"));
        Assert.StartsWith("V", modal.Value);
        Assert.Equal("trigger-1", _slack.CallsTo("views.open").Single().Arg("trigger_id"));
        Assert.Empty(_slack.CrossWorkspaceCalls);
    }

    [Fact]
    public async Task DownloadFile_ReturnsBytesWithTheRightToken_AndNeverTheSignInPage()
    {
        var content = Encoding.UTF8.GetBytes("%PDF-1.7 challan");
        _slack.AddFile(TeamA, "F0CHALLAN", "challan.pdf", "application/pdf", content);

        var info = await _client.FileInfoAsync(TokenA, "F0CHALLAN");
        Assert.True(info.Ok);
        Assert.Equal(("challan.pdf", "application/pdf", (long)content.Length), (info.Value.Name, info.Value.Mimetype, info.Value.Size));
        var url = info.Value.UrlPrivateDownload!;

        var bytes = await _client.DownloadFileAsync(TokenA, url, 1024);
        var wrongToken = await _client.DownloadFileAsync(TokenB, url, 1024);
        var tooLarge = await _client.DownloadFileAsync(TokenA, url, 4);
        var untrusted = await _client.DownloadFileAsync(TokenA, "https://evil.example/files/x", 1024);

        Assert.Equal(content, bytes.Value);
        Assert.Equal((false, "not_a_file", null), (wrongToken.Ok, wrongToken.Error, wrongToken.Value));
        Assert.Equal("too_large", tooLarge.Error);
        Assert.Equal("untrusted_url", untrusted.Error);
        var downloads = _slack.CallsTo(FakeSlackApi.FileDownload);
        Assert.Equal(3, downloads.Count);
        Assert.Equal([TokenA, TokenB, TokenA], downloads.Select(d => d.Token));
    }

    [Fact]
    public async Task ResponseUrl_PostIsRecorded_WithoutToken_AndNotRetried()
    {
        var url = _slack.NewResponseUrl(TeamA);
        var body = new JsonObject { ["response_type"] = "ephemeral", ["replace_original"] = false, ["text"] = "Marked filed" };

        var result = await _client.PostToResponseUrlAsync(url, body);
        _slack.Enqueue(FakeSlackApi.ResponseUrl, 500);
        var failed = await _client.PostToResponseUrlAsync(url, body);
        _slack.Enqueue(FakeSlackApi.ResponseUrl, 404, "expired_url");
        var expired = await _client.PostToResponseUrlAsync(url, body);

        Assert.True(result.Ok);
        Assert.Equal("http_500", failed.Error);
        Assert.Equal("expired_url", expired.Error);
        var posts = _slack.PostsTo(url);
        Assert.Equal(3, posts.Count);
        Assert.All(posts, p => Assert.Null(p.Token));
        Assert.Equal(TeamA, posts[0].TeamId);
        Assert.Equal("Marked filed", posts[0].Arg("text"));
        Assert.Equal("application/json; charset=utf-8", posts[0].ContentType);
    }

    [Fact]
    public async Task OAuthAccess_IsFormEncoded_WithClientCredentials_AndTheCodeWorksOnce()
    {
        _slack.ClientId = "123.456";
        _slack.ClientSecret = "client-secret-value";
        _slack.AddOAuthCode("code-1", TeamB, "U0BOB");

        var access = await _client.OAuthAccessAsync("123.456", "client-secret-value", "code-1", "https://bot.example/slack/oauth/callback");
        var again = await _client.OAuthAccessAsync("123.456", "client-secret-value", "code-1", "https://bot.example/slack/oauth/callback");
        var wrongSecret = await _client.OAuthAccessAsync("123.456", "nope", "code-1", null);

        Assert.True(access.Ok);
        Assert.Equal((TokenB, "U0BOTB", TeamB, "Globex", "U0BOB", "A0FAKEAPP1"), (access.AccessToken, access.BotUserId, access.TeamId, access.TeamName, access.AuthedUserId, access.AppId));
        Assert.Null(access.EnterpriseId);
        Assert.DoesNotContain(TokenB, access.ToString(), StringComparison.Ordinal);
        Assert.Equal("invalid_code", again.Error);
        Assert.Equal("bad_client_secret", wrongSecret.Error);
        var call = _slack.CallsTo("oauth.v2.access")[0];
        Assert.Null(call.Token);
        Assert.StartsWith("application/x-www-form-urlencoded", call.ContentType);
        Assert.Equal(("123.456", "client-secret-value", "code-1", "https://bot.example/slack/oauth/callback"), (call.Arg("client_id"), call.Arg("client_secret"), call.Arg("code"), call.Arg("redirect_uri")));
        Assert.DoesNotContain(_log.Lines, l => l.Contains("client-secret-value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_NameMethodAndIds_NeverTheToken()
    {
        _slack.EnqueueError("chat.postMessage", "channel_not_found");
        _slack.Enqueue("users.info", 503);
        _slack.EnqueueRateLimit("auth.test", 0);
        var fileUrl = _slack.AddFile(TeamA, "F0X", "x.txt", "text/plain", [1, 2, 3]);

        await _client.PostMessageAsync(TokenA, "C0MISSING", "hi", null);
        await _client.UserInfoAsync(TokenA, "U0ALICE");
        await _client.AuthTestAsync(TokenA);
        await _client.DownloadFileAsync(TokenB, fileUrl, 100);
        await _client.AuthTestAsync("xoxb-unknown-secret-token");

        var lines = _log.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("chat.postMessage", StringComparison.Ordinal) && l.Contains("C0MISSING", StringComparison.Ordinal) && l.Contains("channel_not_found", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("users.info", StringComparison.Ordinal) && l.Contains("http_503", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("rate limited", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("not_a_file", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("xoxb-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddSlackApi_RegistersATypedClient_SharingOneRateLimitState()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<SlackOptions>(o => o.ApiBaseUrl = _slack.BaseUrl);
        services.AddSlackApi();
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<SlackApiClient>();
        var second = provider.GetRequiredService<SlackApiClient>();
        var posted = await first.PostMessageAsync(TokenA, "C0GENERAL", "via DI", null);

        Assert.True(posted.Ok);
        Assert.Same(provider.GetRequiredService<SlackRateLimits>(), provider.GetRequiredService<SlackRateLimits>());
        Assert.Equal(1, provider.GetRequiredService<SlackRateLimits>().TrackedKeys);
        Assert.NotSame(first, second);
    }
}
