using System.Net;
using System.Text;
using ComplianceOs.BotHost.Notifications;
using ComplianceOs.Domain.Notifications;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Integration.Tests.Teams.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>The owner's notice of an extension recorded in the portal, as the bot host's dispatcher delivers it in Teams.</summary>
public sealed class MastersExtensionDeliveryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string PriyaAad = "a1c3e5f7-1111-4a2b-8c3d-000000000101";

    // Past any quiet hours the notice was queued into (at most a weekend night), whenever the test runs.
    private readonly TestClock _botClock = new(DateTimeOffset.UtcNow.AddDays(2));
    private PortalHost _portal = null!;
    private FakeConnector _connector = null!;
    private WebApplicationFactory<Program> _bot = null!;

    public async Task InitializeAsync()
    {
        _portal = await PortalWorld.StartAsync(fixture);
        _connector = await FakeConnector.StartAsync();
        _bot = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:ComplianceDb", fixture.AppConnectionString)
            .UseSetting("Bot:AllowAnonymous", "true")
            .UseSetting("Notifications:DispatchIntervalSeconds", "0")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_botClock)));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task TheOwner_GetsTheObligationsCard_WithTheNewDateOnTop()
    {
        // Priya has talked to the bot, so it can reach her; nothing else is waiting to be sent.
        var hi = TeamsActivities.Personal(PriyaAad, "message", _connector.BaseUrl, "hi");
        Assert.True((await _bot.CreateClient().PostAsync("/api/messages", new StringContent(hi.ToJsonString(), Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
        await using (var owner = await fixture.OpenOwnerAsync())
        {
            await using var skip = new NpgsqlCommand("UPDATE notifications SET status = 'Skipped' WHERE status = 'Pending'", owner);
            await skip.ExecuteNonQueryAsync();
        }

        _connector.Requests.Clear();
        var instance = await MastersKit.AcmeInstanceAsync(fixture, "GSTR3B", "2026-11");
        Assert.Equal(DemoWorld.Acme.PriyaId, instance.OwnerUserId);

        using var anita = await PortalWorld.AnitaAsync(_portal);
        using var recorded = await anita.PostFormAsync("/Tenant/Masters/Extend",
        [
            new("Input.MasterCode", "GSTR3B"), new("Input.PeriodKey", "2026-11"), new("Input.ExtendedTo", "2026-12-27"),
            new("Input.NotificationReference", "Notification No. 99/2026-Central Tax"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        await _bot.Services.GetRequiredService<NotificationDispatcher>().DispatchOnceAsync();

        var card = Assert.Single(_connector.Messages, m => m.Method == "POST" && m.RawPath.Contains(Uri.EscapeDataString($"a:{PriyaAad}"), StringComparison.Ordinal));
        var text = System.Text.RegularExpressions.Regex.Unescape(card.Body);
        Assert.Contains("Due date extended — ", text);
        Assert.Contains("Now due 2026-12-27 (Notification No. 99/2026-Central Tax)", text);

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var notice = await db.Notifications.AsNoTracking().SingleAsync(n => n.Stage == ExtensionNotifications.Stage);
        Assert.Equal((NotificationStatus.Sent, instance.Id), (notice.Status, notice.InstanceId!.Value));
    }
}
