using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceOs.BotHost.Cards.BlockKit;
using ComplianceOs.BotHost.Notifications;
using ComplianceOs.BotHost.Slack.Signing;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Cards;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Integration.Tests.Teams.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Slack;

/// <summary>
/// The Slack app end to end on the demo world: signed requests into /slack/*, the inbox worker, the conversation core,
/// and every Web API call checked on a local fake Slack that knows which workspace each token belongs to.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class SlackFlowTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private const string Secret = "test-signing-secret-0123456789abcdef";
    private const string AcmeToken = "xoxb-acme-test-token";
    private const string BharatToken = "xoxb-bharat-test-token";
    private const string AcmeBot = "U0ACMEBOT";
    private const string Priya = "U0PRIYA01";
    private const string Rahul = "U0RAHUL01";
    private const string Suresh = "U0SURESH1";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 30, 0, TimeSpan.Zero);

    private readonly string _vault = Path.Combine(Path.GetTempPath(), $"vault-{Guid.NewGuid():N}");
    private FakeSlackApi _slack = null!;
    private WebApplicationFactory<Program> _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        _slack = await FakeSlackApi.StartAsync();
        _slack.AddWorkspace(DemoWorld.Acme.SlackTeamId, AcmeToken, AcmeBot, "B0ACMEBOT");
        _slack.AddWorkspace(DemoWorld.Bharat.SlackTeamId, BharatToken, "U0BHARATB", "B0BHARATB");
        _slack.AddUser(DemoWorld.Acme.SlackTeamId, Priya, "priya", "priya.sharma@acme.example");
        _slack.AddUser(DemoWorld.Acme.SlackTeamId, Rahul, "rahul", "rahul.mehta@acme.example");
        _slack.AddUser(DemoWorld.Acme.SlackTeamId, "U0STRANGER", "stranger", "stranger@elsewhere.example");
        _slack.AddUser(DemoWorld.Bharat.SlackTeamId, Suresh, "suresh", "suresh.iyer@bharat.example");
        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:ComplianceDb", fixture.AppConnectionString)
            .UseSetting("Bot:AllowAnonymous", "true")
            .UseSetting("Notifications:DispatchIntervalSeconds", "0")
            .UseSetting("Slack:SigningSecret", Secret)
            .UseSetting("Slack:ApiBaseUrl", _slack.BaseUrl)
            .UseSetting($"Slack:DemoWorkspaces:{DemoWorld.Acme.SlackTeamId}:BotToken", AcmeToken)
            .UseSetting($"Slack:DemoWorkspaces:{DemoWorld.Acme.SlackTeamId}:BotUserId", AcmeBot)
            .UseSetting($"Slack:DemoWorkspaces:{DemoWorld.Bharat.SlackTeamId}:BotToken", BharatToken)
            .UseSetting("Evidence:LocalPath", _vault)
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new ManualTimeProvider(Now))));
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Assert.Empty(_slack.CrossWorkspaceCalls);
        Assert.DoesNotContain(_slack.Calls, c => c.Error == "invalid_auth");
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
        if (Directory.Exists(_vault))
        {
            foreach (var f in Directory.EnumerateFiles(_vault, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(f, FileAttributes.Normal);
            }

            Directory.Delete(_vault, recursive: true);
        }
    }

    private async Task<HttpResponseMessage> SignedAsync(string path, string body, string contentType, int? retry = null)
    {
        var ts = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        // A retry is signed afresh by Slack; the same bytes at another second give another signature.
        var signedAt = retry is { } n ? (Now.ToUnixTimeSeconds() + n).ToString(System.Globalization.CultureInfo.InvariantCulture) : ts;
        request.Headers.Remove("X-Slack-Request-Timestamp");
        request.Headers.Add("X-Slack-Request-Timestamp", signedAt);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(Secret, signedAt, Encoding.UTF8.GetBytes(body)));
        if (retry is { } r)
        {
            request.Headers.Add("X-Slack-Retry-Num", r.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await _client.SendAsync(request);
    }

    private static string Dm(string user) => "D" + user;

    private static JsonObject MessageEvent(string team, string user, string text, string? eventId = null, string channelType = "im", string? channel = null) => new()
    {
        ["token"] = "legacy",
        ["team_id"] = team,
        ["api_app_id"] = "A0FAKEAPP1",
        ["type"] = "event_callback",
        ["event_id"] = eventId ?? "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
        ["event_time"] = Now.ToUnixTimeSeconds(),
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = team, ["user_id"] = team == DemoWorld.Acme.SlackTeamId ? AcmeBot : "U0BHARATB", ["is_bot"] = true }),
        ["event"] = new JsonObject
        {
            ["type"] = channelType == "im" ? "message" : "app_mention",
            ["channel_type"] = channelType,
            ["channel"] = channel ?? Dm(user),
            ["user"] = user,
            ["text"] = text,
            ["ts"] = "1763793000.000100",
        },
    };

    private Task<HttpResponseMessage> EventAsync(JsonObject envelope, int? retry = null) =>
        SignedAsync("/slack/events", envelope.ToJsonString(), "application/json", retry);

    private Task<HttpResponseMessage> InteractionAsync(JsonObject payload) =>
        SignedAsync("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded");

    private static JsonObject BlockAction(string team, string user, string value, string channel, string messageTs) => new()
    {
        ["type"] = "block_actions",
        ["team"] = new JsonObject { ["id"] = team, ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = user, ["team_id"] = team },
        ["api_app_id"] = "A0FAKEAPP1",
        ["trigger_id"] = $"{Random.Shared.NextInt64()}.{Random.Shared.NextInt64()}.abc",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = false },
        ["channel"] = new JsonObject { ["id"] = channel },
        ["response_url"] = "https://hooks.slack.invalid/actions/unused",
        ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = "x:1", ["block_id"] = "b1", ["value"] = value, ["action_ts"] = "1763793001.1" }),
    };

    private async Task<ComplianceInstance> InstanceAsync(Guid tenant, Guid entity, string code, string period)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        var master = await db.ComplianceMasters.Where(m => m.Code == code).Select(m => m.Id).SingleAsync();
        return await db.ComplianceInstances.AsNoTracking().SingleAsync(i => i.EntityId == entity && i.MasterId == master && i.PeriodKey == period);
    }

    private Task<ComplianceInstance> AcmeAsync(string code, string period) => InstanceAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.IndiaEntityId, code, period);

    private static string ButtonValue(JsonNode? blocks, string verb) =>
        Buttons(blocks).FirstOrDefault(v => BlockKitRenderer.TryReadButtonValue(v, out var vb, out _, out _) && vb == verb)
        ?? throw new Xunit.Sdk.XunitException($"No '{verb}' button on: {AllText(blocks)}");

    private static IEnumerable<string> Buttons(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "button" && o["value"] is JsonValue v => [v.GetValue<string>()],
        JsonObject o => o.SelectMany(p => Buttons(p.Value)),
        JsonArray a => a.SelectMany(Buttons),
        _ => [],
    };

    private static string AllText(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o => string.Join(" | ", o.Select(p => AllText(p.Value))),
        JsonArray a => string.Join(" | ", a.Select(AllText)),
        _ => string.Empty,
    };

    [Fact]
    public async Task AFileSharedInTheDm_IsFetchedWithTheWorkspaceToken_AndStoredAsEvidence_WithAReceipt()
    {
        var tds = await AcmeAsync("TDS_PAY", "2026-11");
        var bytes = EvidenceVault.SampleFiles.Pdf("tds challan 281 november");
        _slack.AddFile(DemoWorld.Acme.SlackTeamId, "F0TDSCHALLAN", "challan-281.pdf", "application/pdf", bytes);
        var share = MessageEvent(DemoWorld.Acme.SlackTeamId, Priya, "challan for tds november");
        share["event"]!["subtype"] = "file_share";
        share["event"]!["files"] = new JsonArray(new JsonObject { ["id"] = "F0TDSCHALLAN", ["name"] = "challan-281.pdf", ["mimetype"] = "application/pdf" });

        Assert.Equal(HttpStatusCode.OK, (await EventAsync(share)).StatusCode);
        var post = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm(Priya));
        var text = AllText(post.Json!["blocks"]);
        Assert.Contains("Evidence received", text, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), text, StringComparison.Ordinal);
        Assert.Empty(BlockKitLimits.Check(post.Json!["blocks"]!.AsArray(), isView: false));

        // files.info then the private download, both with the Acme bot token (never another workspace's).
        Assert.Equal(AcmeToken, Assert.Single(_slack.CallsTo("files.info")).Token);
        Assert.Equal(AcmeToken, Assert.Single(_slack.CallsTo(FakeSlackApi.FileDownload)).Token);
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var stored = await db.Evidence.AsNoTracking().SingleAsync(e => e.InstanceId == tds.Id && e.EvidenceKind == "challan");
        Assert.Equal((ComplianceOs.Domain.Common.Channel.Slack, bytes.Length, "application/pdf"), (stored.Channel, (int)stored.SizeBytes, stored.ContentType));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_vault, stored.StorageKey)));

        // The receipt's Remove button works from Slack too.
        await InteractionAsync(BlockAction(DemoWorld.Acme.SlackTeamId, Priya, ButtonValue(post.Json!["blocks"], "evidence.remove"), Dm(Priya), "1763793000.000950"));
        var removed = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("ts") == "1763793000.000950");
        Assert.Contains("was removed", AllText(removed.Json!["blocks"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrlVerification_EchoesTheChallenge()
    {
        var response = await EventAsync(new JsonObject { ["token"] = "legacy", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["type"] = "url_verification" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", body.RootElement.GetProperty("challenge").GetString());
    }

    [Theory]
    [InlineData("\u0000X", "T0ACME001")]
    [InlineData(" DROP", "T0ACME001")]
    [InlineData("", "T0ACME001\n")]
    public async Task AnEvent_WhoseIdsAreNotSlackIds_Gets400_AndNothingIsQueued(string idTail, string team)
    {
        var stem = "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var response = await EventAsync(MessageEvent(team, Priya, "my tasks", stem + idTail));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a Slack id", await response.Content.ReadAsStringAsync());
        await using var owner = await fixture.OpenOwnerAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM slack_inbox WHERE id LIKE $1", owner) { Parameters = { new() { Value = stem + "%" } } };
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task UnsignedOrBadlySigned_Requests_Get401_AndNothingIsQueued()
    {
        var body = MessageEvent(DemoWorld.Acme.SlackTeamId, Priya, "my tasks").ToJsonString();
        var unsigned = await _client.PostAsync("/slack/events", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Contains("signature", await unsigned.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        using var tampered = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = new StringContent(body + " ", Encoding.UTF8, "application/json") };
        var ts = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        tampered.Headers.Add("X-Slack-Request-Timestamp", ts);
        tampered.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(Secret, ts, Encoding.UTF8.GetBytes(body)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(tampered)).StatusCode);

        await Task.Delay(300);
        Assert.Empty(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task AQuestion_IsAnsweredWithCitationLinks_AndTheHelpfulClick_ReplacesTheButtonsWithThanks()
    {
        await TestKnowledge.ShippedCorpusAsync(fixture);

        await EventAsync(MessageEvent(DemoWorld.Acme.SlackTeamId, Priya, "whats the late fee on a late gstr-3b?"));
        var post = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm(Priya));
        var text = AllText(post.Json!["blocks"]);
        Assert.Contains("Rs 50 per day", text, StringComparison.Ordinal);
        Assert.Matches(@"<https://[^|>]+\|\[1\] GSTR3B", text);
        Assert.Empty(BlockKitLimits.Check(post.Json!["blocks"]!.AsArray(), isView: false));

        var helpful = Buttons(post.Json!["blocks"]).First(v => BlockKitRenderer.TryReadButtonValue(v, out var verb, out var data, out _)
            && verb == ComplianceOs.BotHost.Conversation.Assistant.AssistantTurns.FeedbackVerb && data["helpful"] == "yes");
        await InteractionAsync(BlockAction(DemoWorld.Acme.SlackTeamId, Priya, helpful, Dm(Priya), "1763793000.000900"));
        var update = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("channel") == Dm(Priya) && c.Arg("ts") == "1763793000.000900");
        var updated = AllText(update.Json!["blocks"]);
        Assert.Contains("Thanks, marked as helpful.", updated, StringComparison.Ordinal);
        Assert.Contains("Rs 50 per day", updated, StringComparison.Ordinal);
        Assert.DoesNotContain(Buttons(update.Json!["blocks"]), v => BlockKitRenderer.TryReadButtonValue(v, out var verb, out _, out _)
            && verb == ComplianceOs.BotHost.Conversation.Assistant.AssistantTurns.FeedbackVerb);
    }

    [Fact]
    public async Task DirectMessage_MyTasks_AnswersInTheDm_WithTheAcmeWorkspaceToken()
    {
        var response = await EventAsync(MessageEvent(DemoWorld.Acme.SlackTeamId, Priya, "my tasks"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm(Priya));
        Assert.Equal(AcmeToken, post.Token);
        Assert.Equal(DemoWorld.Acme.SlackTeamId, post.TeamId);
        var text = AllText(post.Json!["blocks"]);
        Assert.Contains("GSTR-3B", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Acme India", text);
        Assert.DoesNotContain("Acme Services LLP", text);
        Assert.Empty(BlockKitLimits.Check(post.Json!["blocks"]!.AsArray(), isView: false));
    }

    [Fact]
    public async Task TheSameEvent_DeliveredThreeTimes_ChangesStateOnce_AndAnswersOnce()
    {
        var before = await AcmeAsync("TDS_PAY", "2026-12");
        Assert.Equal(InstanceStatus.NotStarted, before.Status);
        var envelope = MessageEvent(DemoWorld.Acme.SlackTeamId, Priya, "start TDS payment dec 26");
        foreach (var retry in new int?[] { null, 1, 2 })
        {
            Assert.Equal(HttpStatusCode.OK, (await EventAsync(envelope, retry)).StatusCode);
        }

        await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm(Priya));
        await Task.Delay(1500);
        var after = await AcmeAsync("TDS_PAY", "2026-12");
        Assert.Equal((InstanceStatus.InProgress, before.Version + 1), (after.Status, after.Version));
        Assert.Single(_slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == Dm(Priya));
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var started = await db.AuditEntries.Where(a => a.TargetId == before.Id.ToString() && a.Action == AuditAction.InstanceStarted).ToListAsync();
        Assert.Equal(Domain.Common.Channel.Slack, Assert.Single(started).Channel);
    }

    [Fact]
    public async Task AppHome_PublishesThePersonsTasks()
    {
        var envelope = MessageEvent(DemoWorld.Acme.SlackTeamId, Priya, string.Empty);
        envelope["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = Priya, ["channel"] = Dm(Priya), ["tab"] = "home" };
        Assert.Equal(HttpStatusCode.OK, (await EventAsync(envelope)).StatusCode);
        var publish = await _slack.WaitForAsync("views.publish");
        Assert.Equal(Priya, publish.Arg("user_id"));
        var view = publish.Json!["view"]!;
        Assert.Equal("home", view["type"]!.GetValue<string>());
        Assert.Contains("Acme India", AllText(view["blocks"]));
        Assert.Empty(BlockKitLimits.Check(view["blocks"]!.AsArray(), isView: true));
    }

    [Fact]
    public async Task SubmitInSlack_ApprovalDmToRahul_ApproveFromTheMessage_UpdatesIt_AndPriyaIsTold()
    {
        // Both prefer Slack for this test only (the demo world has them on Teams), so where the cards go does not
        // depend on what other tests left in Teams.
        await SetPreferredChannelAsync(DemoWorld.Acme.RahulId, "Slack");
        await SetPreferredChannelAsync(DemoWorld.Acme.PriyaId, "Slack");
        try
        {
            await SubmitApproveAndTellAsync();
        }
        finally
        {
            await SetPreferredChannelAsync(DemoWorld.Acme.RahulId, "Teams");
            await SetPreferredChannelAsync(DemoWorld.Acme.PriyaId, "Teams");
        }
    }

    private async Task SubmitApproveAndTellAsync()
    {
        var i = await AcmeAsync("GSTR1", "2026-12");
        Assert.Equal(InstanceStatus.NotStarted, i.Status);

        // Priya opens it in her DM, starts and submits from the buttons.
        await EventAsync(MessageEvent(DemoWorld.Acme.SlackTeamId, Priya, "status gstr1 dec 26"));
        var card = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm(Priya));
        await InteractionAsync(BlockAction(DemoWorld.Acme.SlackTeamId, Priya, ButtonValue(card.Json!["blocks"], "start"), Dm(Priya), "1763793000.000700"));
        var started = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("channel") == Dm(Priya));
        await InteractionAsync(BlockAction(DemoWorld.Acme.SlackTeamId, Priya, ButtonValue(started.Json!["blocks"], "submit"), Dm(Priya), started.Arg("ts")!));
        await _slack.WaitForCountAsync(c => c.Method == "chat.update" && c.Arg("channel") == Dm(Priya), 2);
        Assert.Equal(InstanceStatus.AwaitingApproval, (await AcmeAsync("GSTR1", "2026-12")).Status);

        // The approval request reaches Rahul's Slack DM, with the checklist and Approve / Reject.
        var dispatcher = _host.Services.GetRequiredService<NotificationDispatcher>();
        await dispatcher.DispatchOnceAsync();
        var request = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm(Rahul));
        Assert.Equal(AcmeToken, request.Token);
        var requestText = AllText(request.Json!["blocks"]);
        Assert.Contains("Approval requested", requestText);
        Assert.Contains("Checklist", requestText);

        // Rahul approves from that message: it is updated in place to Approved.
        await InteractionAsync(BlockAction(DemoWorld.Acme.SlackTeamId, Rahul, ButtonValue(request.Json!["blocks"], "approve"), Dm(Rahul), "1763793000.000800"));
        var decided = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("channel") == Dm(Rahul));
        Assert.Contains("Approved", AllText(decided.Json!["blocks"]));
        Assert.Equal(InstanceStatus.Approved, (await AcmeAsync("GSTR1", "2026-12")).Status);

        // The decision is dispatched: Priya is told in her Slack DM.
        await dispatcher.DispatchOnceAsync();
        var told = await _slack.WaitForCountAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm(Priya), 2);
        Assert.Contains("Approved by Rahul", AllText(told[^1].Json!["blocks"]));
    }

    [Fact]
    public async Task Reject_OpensAModal_AnEmptyCommentIsRefusedInTheModal_ThenTheRejectionIsRecorded()
    {
        var i = await AcmeAsync("ADV_TAX", "FY2026-27-I3");
        Assert.Equal(InstanceStatus.NotStarted, i.Status);

        // Opened from a "show" button (as in the task list), not typed: the instalment has no everyday name.
        var show = JsonSerializer.Serialize(new { v = "status", d = new Dictionary<string, string> { ["instanceId"] = i.Id.ToString() } });
        await InteractionAsync(BlockAction(DemoWorld.Acme.SlackTeamId, Priya, show, Dm(Priya), "1763793000.000300"));
        var card = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm(Priya));
        await InteractionAsync(BlockAction(DemoWorld.Acme.SlackTeamId, Priya, ButtonValue(card.Json!["blocks"], "start"), Dm(Priya), "1763793000.000500"));
        var started = await _slack.WaitForAsync(c => c.Method == "chat.update");
        await InteractionAsync(BlockAction(DemoWorld.Acme.SlackTeamId, Priya, ButtonValue(started.Json!["blocks"], "submit"), Dm(Priya), started.Arg("ts")!));
        await _slack.WaitForCountAsync(c => c.Method == "chat.update", 2);

        await InteractionAsync(BlockAction(DemoWorld.Acme.SlackTeamId, Rahul, show, Dm(Rahul), "1763793000.000400"));
        var rahulCard = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm(Rahul));
        var reject = BlockAction(DemoWorld.Acme.SlackTeamId, Rahul, ButtonValue(rahulCard.Json!["blocks"], "reject"), Dm(Rahul), "1763793000.000600");
        Assert.Equal(HttpStatusCode.OK, (await InteractionAsync(reject)).StatusCode);
        var open = Assert.Single(_slack.CallsTo("views.open"));
        Assert.Equal(reject["trigger_id"]!.GetValue<string>(), open.Arg("trigger_id"));
        var modal = open.Json!["view"]!.AsObject();

        JsonObject Submission(string comment)
        {
            var view = JsonNode.Parse(modal.ToJsonString())!.AsObject();
            view["id"] = "V0MODAL1";
            view["state"] = new JsonObject { ["values"] = new JsonObject { ["comment"] = new JsonObject { ["comment"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = comment } } } };
            return new JsonObject
            {
                ["type"] = "view_submission",
                ["team"] = new JsonObject { ["id"] = DemoWorld.Acme.SlackTeamId },
                ["user"] = new JsonObject { ["id"] = Rahul, ["team_id"] = DemoWorld.Acme.SlackTeamId },
                ["trigger_id"] = $"{Random.Shared.NextInt64()}.1.x",
                ["view"] = view,
            };
        }

        var empty = await InteractionAsync(Submission("  "));
        using (var errors = JsonDocument.Parse(await empty.Content.ReadAsStringAsync()))
        {
            Assert.Equal("errors", errors.RootElement.GetProperty("response_action").GetString());
            Assert.True(errors.RootElement.GetProperty("errors").TryGetProperty("comment", out _));
        }

        Assert.Equal(InstanceStatus.AwaitingApproval, (await AcmeAsync("ADV_TAX", "FY2026-27-I3")).Status);
        Assert.Equal(HttpStatusCode.OK, (await InteractionAsync(Submission("Challan amount does not match the computation"))).StatusCode);
        var updated = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("channel") == Dm(Rahul));
        Assert.Contains("Challan amount does not match", AllText(updated.Json!["blocks"]) + AllText(await HistoryAsync(i.Id)));
        Assert.Equal(InstanceStatus.InProgress, (await AcmeAsync("ADV_TAX", "FY2026-27-I3")).Status);
    }

    [Fact]
    public async Task AReminderInSlack_IsSnoozedFromTheMessage_AndAComment_IsAskedForInAModal()
    {
        // Vikram prefers Slack; the sweep decided a T-3 reminder for his open LLP work.
        _slack.AddUser(DemoWorld.Acme.SlackTeamId, "U0VIKRAM1", "vikram", "vikram.rao@acme.example");
        await using (var owner = await fixture.OpenOwnerAsync())
        {
            await using var queue = new Npgsql.NpgsqlCommand("""
                INSERT INTO notifications (id, tenant_id, instance_id, stage, recipient_user_id, cycle, channel, status, attempts, created_at)
                SELECT gen_random_uuid(), i.tenant_id, i.id, 'T-3', i.owner_user_id, 'due:test-' || gen_random_uuid(), 'Slack', 'Pending', 0, $3
                FROM compliance_instances i
                WHERE i.tenant_id = $1 AND i.owner_user_id = $2 AND i.status = 'NotStarted'
                ORDER BY i.statutory_due_date DESC NULLS LAST, i.id LIMIT 1
                """, owner);
            queue.Parameters.Add(new Npgsql.NpgsqlParameter { Value = DemoWorld.Acme.TenantId });
            queue.Parameters.Add(new Npgsql.NpgsqlParameter { Value = DemoWorld.Acme.VikramId });
            queue.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Now });
            Assert.Equal(1, await queue.ExecuteNonQueryAsync());
        }

        await _host.Services.GetRequiredService<ComplianceOs.BotHost.Notifications.NotificationDispatcher>().DispatchOnceAsync();
        var reminder = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm("U0VIKRAM1") && AllText(c.Json!["blocks"]).Contains("Due in 3 days", StringComparison.Ordinal));
        Assert.Contains("Reminder — ", AllText(reminder.Json!["blocks"]), StringComparison.Ordinal);

        await InteractionAsync(BlockAction(DemoWorld.Acme.SlackTeamId, "U0VIKRAM1", ButtonValue(reminder.Json!["blocks"], "snooze"), Dm("U0VIKRAM1"), reminder.Arg("ts") ?? "1763793000.000900"));
        var snoozed = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("channel") == Dm("U0VIKRAM1"));
        Assert.Contains("Snoozed: I will remind you again on Monday 23 November at 09:00", AllText(snoozed.Json!["blocks"]), StringComparison.Ordinal);

        var comment = BlockAction(DemoWorld.Acme.SlackTeamId, "U0VIKRAM1", ButtonValue(snoozed.Json!["blocks"], "comment"), Dm("U0VIKRAM1"), snoozed.Arg("ts") ?? "1763793000.000900");
        Assert.Equal(HttpStatusCode.OK, (await InteractionAsync(comment)).StatusCode);
        var open = await _slack.WaitForAsync(c => c.Method == "views.open" && c.Arg("trigger_id") == comment["trigger_id"]!.GetValue<string>());
        var view = JsonNode.Parse(open.Json!["view"]!.ToJsonString())!.AsObject();
        view["id"] = "V0MODAL2";
        view["state"] = new JsonObject { ["values"] = new JsonObject { ["comment"] = new JsonObject { ["comment"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Waiting for the bank statement" } } } };
        var submit = new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = DemoWorld.Acme.SlackTeamId },
            ["user"] = new JsonObject { ["id"] = "U0VIKRAM1", ["team_id"] = DemoWorld.Acme.SlackTeamId },
            ["trigger_id"] = $"{Random.Shared.NextInt64()}.1.x",
            ["view"] = view,
        };
        Assert.Equal(HttpStatusCode.OK, (await InteractionAsync(submit)).StatusCode);
        var commented = await _slack.WaitForAsync(c => c.Method == "chat.update" && c.Arg("channel") == Dm("U0VIKRAM1") && AllText(c.Json!["blocks"]).Contains("comment added", StringComparison.Ordinal));
        Assert.Contains("Done: comment added", AllText(commented.Json!["blocks"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABlockActionNamingAnotherTenantsInstance_IsRefused_AndChangesNothing()
    {
        var acme = await AcmeAsync("EPF_ECR", "2026-12");
        var value = JsonSerializer.Serialize(new { v = "start", d = new Dictionary<string, string> { ["instanceId"] = acme.Id.ToString(), ["version"] = acme.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        await InteractionAsync(BlockAction(DemoWorld.Bharat.SlackTeamId, Suresh, value, Dm(Suresh), "1763793000.000200"));
        var answer = await _slack.WaitForAsync(c => c.Method is "chat.update" or "chat.postMessage" && c.TeamId == DemoWorld.Bharat.SlackTeamId);
        Assert.Equal(BharatToken, answer.Token);
        Assert.Contains("not available", AllText(answer.Json!["blocks"]), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("EPF", AllText(answer.Json!["blocks"]));
        var after = await AcmeAsync("EPF_ECR", "2026-12");
        Assert.Equal((acme.Status, acme.Version), (after.Status, after.Version));
    }

    [Fact]
    public async Task SlashCommandInAChannel_AnswersEphemerally_ThroughTheResponseUrl()
    {
        var responseUrl = _slack.NewResponseUrl(DemoWorld.Acme.SlackTeamId);
        var form = new Dictionary<string, string>
        {
            ["token"] = "legacy",
            ["team_id"] = DemoWorld.Acme.SlackTeamId,
            ["team_domain"] = "acme",
            ["channel_id"] = "C0FINANCE1",
            ["channel_name"] = "finance",
            ["user_id"] = Priya,
            ["user_name"] = "priya",
            ["command"] = "/compliance",
            ["text"] = "my tasks",
            ["response_url"] = responseUrl,
            ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0",
            ["api_app_id"] = "A0FAKEAPP1",
        };
        var body = string.Join('&', form.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
        var response = await SignedAsync("/slack/commands", body, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await _slack.WaitForAsync(c => c.Method == FakeSlackApi.ResponseUrl);
        Assert.Equal("ephemeral", answer.Json!["response_type"]!.GetValue<string>());
        Assert.Contains("Acme India", AllText(answer.Json["blocks"]));
        Assert.DoesNotContain(_slack.Calls, c => c.Method == "chat.postMessage" && c.Arg("channel") == "C0FINANCE1");
    }

    [Fact]
    public async Task AnUnknownPerson_GetsOneFriendlyMessage_AndTheBotsOwnMessagesAreIgnored()
    {
        await EventAsync(MessageEvent(DemoWorld.Acme.SlackTeamId, "U0STRANGER", "my tasks"));
        var reply = await _slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Arg("channel") == Dm("U0STRANGER"));
        Assert.Contains("not set up for you", AllText(reply.Json!["blocks"]));

        var own = MessageEvent(DemoWorld.Acme.SlackTeamId, AcmeBot, "Here are your tasks");
        own["event"]!["bot_id"] = "B0ACMEBOT";
        await EventAsync(own);
        await Task.Delay(800);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task EveryPayloadForTheDemoWorld_PassesTheOfficialSlackTypes_AndTheBlockKitLimits()
    {
        // Everyone of Acme with a Slack id asks everything the vocabulary offers, in a DM and in App Home; Suresh of
        // Bharat too, through his own workspace's token.
        _slack.AddUser(DemoWorld.Acme.SlackTeamId, "U0ANITA01", "anita", "anita.desai@acme.example");
        _slack.AddUser(DemoWorld.Acme.SlackTeamId, "U0VIKRAM1", "vikram", "vikram.rao@acme.example");
        var people = new[] { (DemoWorld.Acme.SlackTeamId, Priya), (DemoWorld.Acme.SlackTeamId, Rahul), (DemoWorld.Acme.SlackTeamId, "U0ANITA01"), (DemoWorld.Acme.SlackTeamId, "U0VIKRAM1"), (DemoWorld.Bharat.SlackTeamId, Suresh) };
        string[] asks = ["help", "my tasks", "overdue", "dashboard", "status gst 3b oct 26", "history gstr3b oct 26"];
        foreach (var (team, user) in people)
        {
            foreach (var ask in asks)
            {
                await EventAsync(MessageEvent(team, user, ask));
            }

            var home = MessageEvent(team, user, string.Empty);
            home["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = user, ["channel"] = Dm(user), ["tab"] = "home" };
            await EventAsync(home);
        }

        await _slack.WaitForCountAsync(c => c.Method == "chat.postMessage", people.Length * asks.Length, TimeSpan.FromSeconds(60));
        await _slack.WaitForCountAsync(c => c.Method == "views.publish", people.Length, TimeSpan.FromSeconds(30));

        var folder = Directory.CreateTempSubdirectory("slack-payloads-").FullName;
        try
        {
            var files = new List<string>();
            var violations = new List<string>();
            var n = 0;
            foreach (var call in _slack.Calls.Where(c => c.Method is "chat.postMessage" or "views.publish"))
            {
                var isView = call.Method == "views.publish";
                var payload = isView ? call.Json!["view"]! : call.Json!["blocks"]!;
                var blocks = (isView ? payload["blocks"]! : payload).AsArray();
                violations.AddRange(BlockKitLimits.Check(blocks, isView).Select(v => $"{call.Method} #{n}: {v}"));
                files.Add(BlockKitChecker.Write(folder, $"{n++:D3}-{call.Method}", isView ? BlockKitChecker.Kind.View : BlockKitChecker.Kind.Blocks, payload));
            }

            Assert.True(files.Count >= (people.Length * asks.Length) + people.Length, $"only {files.Count} payloads");
            Assert.Empty(violations);
            var outcome = await BlockKitChecker.CheckAsync(files);
            Assert.True(outcome.ExitCode == 0, outcome.ToString());
            Assert.All(outcome.Files, f => Assert.Empty(f.Errors));
            Assert.Equal(files.Count, outcome.Files.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AppUninstalled_DeletesTheStoredToken_AndAuditsIt_WithoutTheToken()
    {
        const string Installed = "xoxb-installed-bharat-token";
        var protector = _host.Services.GetRequiredService<ComplianceOs.BotHost.Slack.Install.SlackTokenProtector>();
        await using (var db = fixture.Dbs.ForTenant(DemoWorld.Bharat.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.SlackInstallations.Where(i => i.TeamId == DemoWorld.Bharat.SlackTeamId).ExecuteDeleteAsync();
            db.SlackInstallations.Add(new Domain.Channels.Slack.SlackInstallation
            {
                TeamId = DemoWorld.Bharat.SlackTeamId,
                TenantId = DemoWorld.Bharat.TenantId,
                BotUserId = "U0BHARATB",
                AppId = "A0FAKEAPP1",
                EncryptedBotToken = protector.Protect(Installed),
                Scopes = "chat:write",
                InstalledAt = Instant.FromDateTimeOffset(Now),
            });
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        var envelope = MessageEvent(DemoWorld.Bharat.SlackTeamId, Suresh, string.Empty, eventId: "EvUNINSTALL1");
        envelope["event"] = new JsonObject { ["type"] = "app_uninstalled" };
        Assert.Equal(HttpStatusCode.OK, (await EventAsync(envelope)).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<AuditEntry> audited;
        while (true)
        {
            await using var db = fixture.Dbs.ForTenant(DemoWorld.Bharat.TenantId);
            await using var tx = await db.Database.BeginTransactionAsync();
            audited = await db.AuditEntries.Where(a => a.Action == AuditAction.SlackWorkspaceUninstalled && a.CorrelationId == "EvUNINSTALL1").ToListAsync();
            if (audited.Count > 0 || DateTime.UtcNow > deadline)
            {
                Assert.False(await db.SlackInstallations.AnyAsync(i => i.TeamId == DemoWorld.Bharat.SlackTeamId));
                break;
            }

            await Task.Delay(100);
        }

        var entry = Assert.Single(audited);
        Assert.Equal(Domain.Common.Channel.Slack, entry.Channel);
        var json = entry.Before ?? string.Empty;
        Assert.Contains("U0BHARATB", json);
        Assert.DoesNotContain(Installed, json);
        Assert.DoesNotContain("xoxb", json);
    }

    private async Task SetPreferredChannelAsync(Guid userId, string channel)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE users SET preferred_channel = {channel} WHERE id = {userId}");
        await tx.CommitAsync();
    }

    private async Task<JsonNode> HistoryAsync(Guid instanceId)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var comments = await db.Approvals.Where(a => a.InstanceId == instanceId).Select(a => a.Comment).ToListAsync();
        return new JsonArray(comments.Select(c => (JsonNode?)JsonValue.Create(c ?? string.Empty)).ToArray());
    }
}
