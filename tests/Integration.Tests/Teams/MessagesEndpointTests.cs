using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Integration.Tests.Teams.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Teams;

/// <summary>Real-shaped activities (captured from the Agents Playground) posted to the running host; replies land on a local fake connector.</summary>
[Collection(DatabaseCollection.Name)]
public class MessagesEndpointTests(DatabaseFixture fixture)
{
    private const string PriyaAad = "a1c3e5f7-1111-4a2b-8c3d-000000000101";

    private WebApplicationFactory<Program> Host(bool anonymous = true) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:ComplianceDb", fixture.AppConnectionString)
            .UseSetting("Bot:AllowAnonymous", anonymous ? "true" : "false")
            .UseSetting("Notifications:DispatchIntervalSeconds", "0")
            .UseSetting("Bot:AppId", anonymous ? string.Empty : "bot-app-id")
            .UseSetting("Bot:AppPassword", anonymous ? string.Empty : "secret"));

    private static JsonObject Fixture(string name, string serviceUrl, string? tenantId = DemoWorld.Acme.TeamsTenantId, string? aad = PriyaAad, string? text = null)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Teams", "Fixtures", name)))!["activity"]!.AsObject();
        var activity = JsonNode.Parse(root.ToJsonString())!.AsObject();
        activity["serviceUrl"] = serviceUrl;
        activity["id"] = Guid.NewGuid().ToString();
        activity["conversation"]!["id"] = $"a:{Guid.NewGuid():N}";
        if (tenantId is not null)
        {
            activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } };
            activity["conversation"]!["tenantId"] = tenantId;
        }

        if (aad is not null)
        {
            activity["from"]!["aadObjectId"] = aad;
        }

        if (text is not null)
        {
            activity["text"] = text;
        }

        return activity;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task SeedAsync() => await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));

    [Fact]
    public async Task Message_FromAKnownUser_GetsACardReply_AndTheConversationIsRemembered()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        var activity = Fixture("teams-message-typed.json", connector.BaseUrl + "/_connector", text: "hello");

        var response = await host.CreateClient().PostAsync("/api/messages", Json(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(connector.Messages);
        Assert.Equal("POST", reply.Method);
        Assert.Equal($"/_connector/v3/conversations/{Uri.EscapeDataString(activity["conversation"]!["id"]!.GetValue<string>())}/activities/{activity["id"]!.GetValue<string>()}", reply.RawPath);
        using var body = JsonDocument.Parse(reply.Body);
        var card = body.RootElement.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.GetProperty("contentType").GetString());
        Assert.Contains("Hello Priya Sharma", card.GetProperty("content").GetRawText());
        Assert.Equal(activity["id"]!.GetValue<string>(), body.RootElement.GetProperty("replyToId").GetString());

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var reference = await db.ConversationReferences.SingleAsync(r => r.UserId == DemoWorld.Acme.PriyaId && r.Channel == ComplianceOs.Domain.Common.Channel.Teams);
        Assert.Equal(activity["conversation"]!["id"]!.GetValue<string>(), reference.ConversationId);
        Assert.Equal(connector.BaseUrl + "/_connector", reference.ServiceUrl);
    }

    [Fact]
    public async Task MyTasks_ListsOnlyTheUsersOwnEntity()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();

        await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl, text: "my tasks")));

        var content = JsonDocument.Parse(Assert.Single(connector.Messages).Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains("Acme India Pvt Ltd", content);
        Assert.DoesNotContain("Acme Services LLP", content);
        Assert.DoesNotContain("Bharat", content);
        Assert.Contains("overdue", content);
    }

    [Fact]
    public async Task AQuestion_IsAnsweredFromTheKnowledgeBase_WithCitationLinks_AndHelpfulButtons()
    {
        await SeedAsync();
        await TestKnowledge.ShippedCorpusAsync(fixture);
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();

        await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl, text: "which form to tell the ROC about the auditor appointment?")));

        var card = JsonDocument.Parse(Assert.Single(connector.Messages).Body).RootElement.GetProperty("attachments")[0].GetProperty("content");
        var content = card.GetRawText();
        Assert.Contains("ADT-1", content);
        Assert.Matches(@"\[\(1\) ADT1 [^\]]*\]\(https://", content);
        Assert.Contains("assistant.feedback", content);
        Assert.Contains("Yes, helpful", content);
    }

    [Fact]
    public async Task TheSameActivityTwice_IsHandledOnce()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        var activity = Fixture("teams-message-typed.json", connector.BaseUrl);

        var first = await host.CreateClient().PostAsync("/api/messages", Json(activity));
        var second = await host.CreateClient().PostAsync("/api/messages", Json(activity));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Single(connector.Messages);
    }

    [Theory]
    [InlineData("5b7d9f1a-2c4e-4f60-8a1b-00000000ffff", PriyaAad)]
    [InlineData(DemoWorld.Acme.TeamsTenantId, "00000000-0000-0000-0000-0000000000020")]
    public async Task UnknownTenantOrUser_GetsOnlyTheAccessCard(string tenant, string aad)
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();

        var response = await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl, tenant, aad, "my tasks")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // An unknown AAD id is first looked up as a member (for an email), then answered with the access card.
        var content = JsonDocument.Parse(Assert.Single(connector.Messages).Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains("not set up for you yet", content);
        Assert.DoesNotContain("Acme", content);
    }

    [Fact]
    public async Task UnknownAadId_IsFoundByTheMembersEmail_AndTheIdIsRemembered()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        var tenant = await TestWorld.CreateTenantAsync(fixture);
        string teamsTenant;
        string email;
        await using (var db = fixture.Dbs.ForTenant(tenant.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            teamsTenant = (await db.TeamsTenantBindings.SingleAsync()).TeamsTenantId;
            var owner = await db.Users.SingleAsync(u => u.Id == tenant.OwnerId);
            email = owner.Email;
            owner.AadObjectId = null;
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        connector.Then(200, $$"""{"id":"29:x","email":"{{email.ToUpperInvariant()}}","userPrincipalName":"{{email}}"}""");
        var aad = Guid.NewGuid().ToString();

        await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl, teamsTenant, aad, "help")));

        Assert.Equal("GET", connector.Requests.First().Method);
        Assert.Contains("Hello Owner", connector.Messages.Last().Body);
        await using var check = fixture.Dbs.ForTenant(tenant.TenantId);
        await using var ctx = await check.Database.BeginTransactionAsync();
        Assert.Equal(aad, (await check.Users.SingleAsync(u => u.Id == tenant.OwnerId)).AadObjectId);
    }

    [Fact]
    public async Task MissingToken_WhenAuthenticationIsOn_Is401AndNothingIsSent()
    {
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host(anonymous: false);

        var response = await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(connector.Messages);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{ not json", "not a JSON activity")]
    [InlineData("""{"type":"message","channelId":"msteams","conversation":{"id":"a:1"},"from":{"id":"u"}}""", "serviceUrl")]
    [InlineData("""{"channelId":"msteams","serviceUrl":"http://127.0.0.1:1/","conversation":{"id":"a:1"},"from":{"id":"u"}}""", "type")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"http://127.0.0.1:1/","from":{"id":"u"}}""", "conversation.id")]
    public async Task BadInput_Is400WithAShortReason(string body, string reason)
    {
        using var host = Host();

        var response = await host.CreateClient().PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(reason, text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task UnknownActivityType_Is200AndIgnored()
    {
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        var activity = Fixture("teams-message-typed.json", connector.BaseUrl);
        activity["type"] = "messageReaction";

        var response = await host.CreateClient().PostAsync("/api/messages", Json(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(connector.Messages);
    }

    [Fact]
    public async Task TooLongText_IsRefusedPolitely()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();

        await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl, text: new string('x', 10_001))));

        using var reply = JsonDocument.Parse(Assert.Single(connector.Messages).Body);
        Assert.Contains("longer than 10,000 characters", reply.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Installation_GetsTheHelpCard()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();

        await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-installationUpdate.json", connector.BaseUrl)));

        var content = JsonDocument.Parse(Assert.Single(connector.Messages).Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains("my tasks", content);
    }

    private async Task<Guid> InstanceIdAsync(Guid tenantId, Guid entityId, string code, string period)
    {
        await using var db = fixture.Dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var master = await db.ComplianceMasters.Where(m => m.Code == code).Select(m => m.Id).SingleAsync();
        return await db.ComplianceInstances.Where(i => i.EntityId == entityId && i.MasterId == master && i.PeriodKey == period).Select(i => i.Id).SingleAsync();
    }

    private static JsonObject Invoke(JsonObject activity, string verb, Guid instanceId)
    {
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity.Remove("text");
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["instanceId"] = instanceId.ToString() } },
        };
        return activity;
    }

    [Fact]
    public async Task DetailsButton_AnswersTheInvokeWithTheObligationsCard()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        var id = await InstanceIdAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.IndiaEntityId, "GSTR3B", "2026-10");

        var response = await host.CreateClient().PostAsync("/api/messages", Json(Invoke(Fixture("teams-action-execute-invoke.json", connector.BaseUrl), "status", id)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, body.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.RootElement.GetProperty("type").GetString());
        var card = body.RootElement.GetProperty("value").GetRawText();
        Assert.Contains("2026-10", card);
        Assert.Contains("Waiting for GSTR1 2026-10", card);
        Assert.True(body.RootElement.GetProperty("value").TryGetProperty("refresh", out _));
        Assert.Empty(connector.Messages);
    }

    [Fact]
    public async Task SubmitFallback_ArrivesAsAMessageWithValue_AndGetsTheCard()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        var id = await InstanceIdAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.IndiaEntityId, "GSTR3B", "2026-10");
        var activity = Fixture("teams-action-submit-message.json", connector.BaseUrl);
        activity.Remove("text");
        activity["value"] = new JsonObject { ["verb"] = "status", ["instanceId"] = id.ToString() };

        await host.CreateClient().PostAsync("/api/messages", Json(activity));

        var content = JsonDocument.Parse(Assert.Single(connector.Messages).Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains("Waiting for GSTR1 2026-10", content);
    }

    [Fact]
    public async Task CraftedInvoke_ForAnotherTenantsInstance_ShowsNothingOfIt()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        var acmeInstance = await InstanceIdAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.IndiaEntityId, "GSTR3B", "2026-10");
        var asSuresh = Fixture("teams-action-execute-invoke.json", connector.BaseUrl, DemoWorld.Bharat.TeamsTenantId, "b2d4f6a8-5555-4b3c-9d4e-000000000201");

        var response = await host.CreateClient().PostAsync("/api/messages", Json(Invoke(asSuresh, "status", acmeInstance)));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not available to you", text);
        Assert.DoesNotContain("Acme", text);
        Assert.DoesNotContain("GSTR", text);
    }

    [Fact]
    public async Task Owner_CannotOpenAnEntityTheyHaveNoAccessTo()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        var llpInstance = await InstanceIdAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.LlpEntityId, "PT_KA", "2026-10");

        var response = await host.CreateClient().PostAsync("/api/messages", Json(Invoke(Fixture("teams-action-execute-invoke.json", connector.BaseUrl), "status", llpInstance)));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("not available to you", text);
        Assert.DoesNotContain("LLP", text);
    }

    [Theory]
    [InlineData("bhai 3b ka status batao october ka", "Waiting for GSTR1 2026-10")]
    [InlineData("staus gstr 3b oct 26", "Waiting for GSTR1 2026-10")]
    [InlineData("status gstr3b 2026-10", "Waiting for GSTR1 2026-10")]
    [InlineData("status GSTR-3B october", "Waiting for GSTR1 2026-10")]
    [InlineData("status epf_ecr 2026-09", "Filing reference")]
    [InlineData("status epf sep 2026", "Latest activity")]
    [InlineData("status gstr1 october", "If late")]
    [InlineData("pf ka status sep 2026", "1. Prepare")]
    public async Task StatusTyped_FindsTheObligation(string text, string expected)
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();

        await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl, text: text)));

        var content = JsonDocument.Parse(Assert.Single(connector.Messages).Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains(expected, content);
        Assert.Contains("Acme India Pvt Ltd", content);
    }

    [Theory]
    [InlineData("overdue kya hai?", "Overdue")]
    [InlineData("what's due this week", "Due in the next 7 days")]
    public async Task ListVariants_AreFilteredViews(string text, string title)
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();

        await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl, text: text)));

        var content = JsonDocument.Parse(Assert.Single(connector.Messages).Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains(title, content);
    }

    [Fact]
    public async Task ADueDateQuestion_IsAnsweredByTheRuleEngine_ForTheAskersEntity()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();

        await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl, text: "when is gstr-3b due for march 2025?")));

        var content = JsonDocument.Parse(Assert.Single(connector.Messages).Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains("is due on 20 April 2025 (2025-04-20", content);
        Assert.Contains("Acme India Pvt Ltd", content);
        Assert.DoesNotContain("Acme Services LLP", content);
    }

    [Fact]
    public async Task StatusTyped_ForAnUnknownCode_SaysSo()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();

        await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl, text: "status gstr4 march")));

        var content = JsonDocument.Parse(Assert.Single(connector.Messages).Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains("Which obligation?", content);
    }

    [Fact]
    public async Task MyTasks_InAGroupChat_IsSentPrivately()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        var activity = Fixture("teams-message-typed.json", connector.BaseUrl, text: "my tasks");
        activity["conversation"]!["conversationType"] = "groupChat";
        connector.Then(201, """{"id":"a:private-with-priya"}""");

        await host.CreateClient().PostAsync("/api/messages", Json(activity));

        var requests = connector.Messages.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Equal("/v3/conversations", requests[0].RawPath);
        Assert.Equal("/v3/conversations/a%3Aprivate-with-priya/activities", requests[1].RawPath);
        Assert.Contains("Acme India Pvt Ltd", requests[1].Body);
        Assert.Contains("private chat", requests[2].Body);
        Assert.DoesNotContain("Acme India Pvt Ltd", requests[2].Body);
    }

    [Fact]
    public async Task EveryCardTheBotSends_PassesTheOfficialAdaptiveCardsParser()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        var client = host.CreateClient();
        var people = new (string Tenant, string Aad)[]
        {
            (DemoWorld.Acme.TeamsTenantId, PriyaAad),
            (DemoWorld.Acme.TeamsTenantId, "a1c3e5f7-2222-4a2b-8c3d-000000000102"),
            (DemoWorld.Acme.TeamsTenantId, "a1c3e5f7-3333-4a2b-8c3d-000000000103"),
            (DemoWorld.Acme.TeamsTenantId, "a1c3e5f7-4444-4a2b-8c3d-000000000104"),
            (DemoWorld.Bharat.TeamsTenantId, "b2d4f6a8-5555-4b3c-9d4e-000000000201"),
            (DemoWorld.Bharat.TeamsTenantId, "00000000-0000-0000-0000-00000000dead"),
        };
        foreach (var (tenant, aad) in people)
        {
            foreach (var text in new[] { "help", "my tasks", "status gstr3b", "status tds_pay 2026-10", "status agm" })
            {
                await client.PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl, tenant, aad, text)));
            }
        }

        var invokeCard = await client.PostAsync("/api/messages", Json(Invoke(
            Fixture("teams-action-execute-invoke.json", connector.BaseUrl),
            "status",
            await InstanceIdAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.IndiaEntityId, "GSTR3B", "2026-10"))));

        var directory = Directory.CreateTempSubdirectory("bot-cards-");
        try
        {
            var files = new List<string>();
            foreach (var request in connector.Messages)
            {
                using var body = JsonDocument.Parse(request.Body);
                if (body.RootElement.TryGetProperty("attachments", out var attachments))
                {
                    var file = Path.Combine(directory.FullName, $"card-{files.Count}.json");
                    await File.WriteAllTextAsync(file, attachments[0].GetProperty("content").GetRawText());
                    files.Add(file);
                }
            }

            using (var invoke = JsonDocument.Parse(await invokeCard.Content.ReadAsStringAsync()))
            {
                var file = Path.Combine(directory.FullName, "invoke.json");
                await File.WriteAllTextAsync(file, invoke.RootElement.GetProperty("value").GetRawText());
                files.Add(file);
            }

            Assert.True(files.Count >= 30, $"only {files.Count} cards");
            var outcome = await ComplianceOs.Integration.Tests.Cards.AdaptiveCardParser.ValidateAsync(files);
            Assert.True(outcome.ExitCode == 0, outcome.ToString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
