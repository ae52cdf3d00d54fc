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
        var reply = Assert.Single(connector.Requests);
        Assert.Equal("POST", reply.Method);
        Assert.Equal($"/_connector/v3/conversations/{Uri.EscapeDataString(activity["conversation"]!["id"]!.GetValue<string>())}/activities/{activity["id"]!.GetValue<string>()}", reply.RawPath);
        using var body = JsonDocument.Parse(reply.Body);
        var card = body.RootElement.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.GetProperty("contentType").GetString());
        Assert.Contains("Hello Priya Sharma", card.GetProperty("content").GetRawText());
        Assert.Equal(activity["id"]!.GetValue<string>(), body.RootElement.GetProperty("replyToId").GetString());

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var reference = await db.ConversationReferences.SingleAsync(r => r.UserId == DemoWorld.Acme.PriyaId);
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

        var content = JsonDocument.Parse(Assert.Single(connector.Requests).Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains("Acme India Pvt Ltd", content);
        Assert.DoesNotContain("Acme Services LLP", content);
        Assert.DoesNotContain("Bharat", content);
        Assert.Contains("overdue", content);
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
        Assert.Single(connector.Requests);
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
        var content = JsonDocument.Parse(Assert.Single(connector.Requests).Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains("not set up for you yet", content);
        Assert.DoesNotContain("Acme", content);
    }

    [Fact]
    public async Task MissingToken_WhenAuthenticationIsOn_Is401AndNothingIsSent()
    {
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host(anonymous: false);

        var response = await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(connector.Requests);
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
        Assert.Empty(connector.Requests);
    }

    [Fact]
    public async Task TooLongText_IsRefusedPolitely()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();

        await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-message-typed.json", connector.BaseUrl, text: new string('x', 10_001))));

        using var reply = JsonDocument.Parse(Assert.Single(connector.Requests).Body);
        Assert.Contains("longer than 10,000 characters", reply.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Installation_GetsTheHelpCard()
    {
        await SeedAsync();
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();

        await host.CreateClient().PostAsync("/api/messages", Json(Fixture("teams-installationUpdate.json", connector.BaseUrl)));

        var content = JsonDocument.Parse(Assert.Single(connector.Requests).Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        Assert.Contains("my tasks", content);
    }
}
