using System.Text;
using System.Text.Json.Nodes;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Teams.Proactive;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Integration.Tests.Teams.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Teams;

[Collection(DatabaseCollection.Name)]
public class ProactiveSenderTests(DatabaseFixture fixture)
{
    private static readonly Card Reminder = new([new TextBlock("GSTR-3B for October is due in 3 days.")]) { Title = "Reminder" };

    private WebApplicationFactory<Program> Host() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:ComplianceDb", fixture.AppConnectionString)
            .UseSetting("Bot:AllowAnonymous", "true")
            .UseSetting("Notifications:DispatchIntervalSeconds", "0"));

    /// <summary>Priya says hello in a personal chat, so the bot learns where to reach her.</summary>
    private static async Task<string> PriyaSaysHelloAsync(WebApplicationFactory<Program> host, FakeConnector connector)
    {
        var conversation = $"a:{Guid.NewGuid():N}";
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString(),
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.BaseUrl,
            ["text"] = "hi",
            ["from"] = new JsonObject { ["id"] = "29:priya", ["name"] = "Priya", ["aadObjectId"] = "a1c3e5f7-1111-4a2b-8c3d-000000000101" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Compliance OS" },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = DemoWorld.Acme.TeamsTenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = DemoWorld.Acme.TeamsTenantId } },
        };
        var response = await host.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Single(connector.Messages);
        connector.Requests.Clear();
        return conversation;
    }

    private async Task<Box> SendAsync(WebApplicationFactory<Program> host, Guid tenant, Guid user)
    {
        using var scope = host.Services.CreateScope();
        return new Box(await scope.ServiceProvider.GetRequiredService<TeamsProactiveSender>().SendAsync(tenant, user, Reminder));
    }

    [Fact]
    public async Task Send_UsesTheStoredPersonalConversation()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        var conversation = await PriyaSaysHelloAsync(host, connector);

        var outcome = await SendAsync(host, DemoWorld.Acme.TenantId, DemoWorld.Acme.PriyaId);

        Assert.Equal(ProactiveOutcome.Sent, outcome.Value);
        var sent = Assert.Single(connector.Messages);
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(conversation)}/activities", sent.RawPath);
        Assert.Contains("GSTR-3B for October", sent.Body);
        Assert.Contains("29:priya", sent.Body);
    }

    [Fact]
    public async Task Blocked_IsRecordedForAdmins()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        await PriyaSaysHelloAsync(host, connector);
        connector.Then(403, """{"error":{"code":"MessageWritesBlocked","message":"blocked"}}""");

        var outcome = await SendAsync(host, DemoWorld.Acme.TenantId, DemoWorld.Acme.PriyaId);

        Assert.Equal(ProactiveOutcome.NotInstalled, outcome.Value);
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var reference = await db.ConversationReferences.SingleAsync(r => r.UserId == DemoWorld.Acme.PriyaId && r.Channel == Channel.Teams);
        Assert.Equal("403 MessageWritesBlocked", reference.LastDeliveryFailure);
        Assert.NotNull(reference.LastDeliveryFailureAt);
    }

    [Fact]
    public async Task GoneConversation_IsCreatedAgain_AndRemembered()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        await using var connector = await FakeConnector.StartAsync();
        using var host = Host();
        await PriyaSaysHelloAsync(host, connector);
        connector.Then(404, """{"error":{"code":"ConversationNotFound","message":"gone"}}""");
        connector.Then(201, """{"id":"a:fresh"}""");

        var outcome = await SendAsync(host, DemoWorld.Acme.TenantId, DemoWorld.Acme.PriyaId);

        Assert.Equal(ProactiveOutcome.Sent, outcome.Value);
        var paths = connector.Messages.Select(m => m.RawPath).ToList();
        Assert.Equal("/v3/conversations", paths[1]);
        Assert.Equal("/v3/conversations/a%3Afresh/activities", paths[2]);
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.Equal("a:fresh", (await db.ConversationReferences.SingleAsync(r => r.UserId == DemoWorld.Acme.PriyaId && r.Channel == Channel.Teams)).ConversationId);
    }

    [Fact]
    public async Task UserNeverSeenInTeams_HasNoConversation()
    {
        var tenant = await TestWorld.CreateTenantAsync(fixture);
        using var host = Host();

        var outcome = await SendAsync(host, tenant.TenantId, tenant.OwnerId);

        Assert.Equal(ProactiveOutcome.NoConversation, outcome.Value);
    }

    private sealed record Box(ProactiveOutcome Value);
}
