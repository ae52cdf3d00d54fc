using System.Text;
using System.Text.Json.Nodes;
using ComplianceOs.BotHost.Notifications;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Notifications;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Integration.Tests.Teams.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace ComplianceOs.Integration.Tests.Jobs;

/// <summary>
/// The outbox under failure, in its own database on the demo world: a connector answering 500 is retried with
/// back-off and the card arrives once; a host that stops after deciding, or dies holding a claim, loses nothing and
/// sends nothing twice; a channel that keeps failing is given up for e-mail, with the reasons kept for admins.
/// </summary>
public sealed class DeliveryReliabilityTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string PriyaAad = "a1c3e5f7-1111-4a2b-8c3d-000000000101";
    private const string AnitaAad = "a1c3e5f7-3333-4a2b-8c3d-000000000103";
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero)); // 11:30 in Kolkata, a Monday
    private FakeConnector _connector = null!;
    private MailDev _mail = null!;

    public async Task InitializeAsync()
    {
        await db.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        _connector = await FakeConnector.StartAsync();
        _mail = await MailDev.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _mail.DisposeAsync();
    }

    private WebApplicationFactory<Program> Host() => new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
        .UseSetting("ConnectionStrings:ComplianceDb", db.AppConnectionString)
        .UseSetting("Bot:AllowAnonymous", "true")
        .UseSetting("Notifications:DispatchIntervalSeconds", "0")
        .UseSetting("Email:SmtpHost", "127.0.0.1")
        .UseSetting("Email:SmtpPort", _mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Email:Security", "None")
        .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));

    /// <summary>Priya is reachable in Teams, nothing else is waiting, and the connector has seen nothing yet.</summary>
    private async Task<WebApplicationFactory<Program>> ReadyAsync()
    {
        var host = Host();
        await SayAsync(host, PriyaAad, "hi");
        await using (var owner = await db.OpenOwnerAsync())
        {
            await using var clear = new NpgsqlCommand("UPDATE notifications SET status = 'Skipped' WHERE status = 'Pending'", owner);
            await clear.ExecuteNonQueryAsync();
        }

        _connector.Requests.Clear();
        return host;
    }

    private async Task SayAsync(WebApplicationFactory<Program> host, string aad, string text)
    {
        var message = TeamsActivities.Personal(aad, "message", _connector.BaseUrl, text);
        Assert.True((await host.CreateClient().PostAsync("/api/messages", new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
    }

    /// <summary>What the bot answered last in a person's chat.</summary>
    private string LastReplyTo(string aad) =>
        string.Join(" | ", Strings(System.Text.Json.JsonDocument.Parse(_connector.Messages.Last(m => m.Method == "POST" && m.RawPath.Contains(Uri.EscapeDataString($"a:{aad}"), StringComparison.Ordinal)).Body).RootElement));

    private static IEnumerable<string> Strings(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => [e.GetString()!],
        System.Text.Json.JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        System.Text.Json.JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    /// <summary>A T-3 reminder for Priya's open work, as the sweep decides it (committed, not yet sent).</summary>
    private async Task<Guid> DecideReminderAsync()
    {
        await using var owner = await db.OpenOwnerAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO notifications (id, tenant_id, instance_id, stage, recipient_user_id, cycle, channel, status, attempts, created_at)
            SELECT gen_random_uuid(), i.tenant_id, i.id, 'T-3', i.owner_user_id, 'due:test-' || gen_random_uuid(), 'Teams', 'Pending', 0, $3
            FROM compliance_instances i
            WHERE i.tenant_id = $1 AND i.owner_user_id = $2 AND i.status = 'NotStarted'
            ORDER BY i.statutory_due_date DESC NULLS LAST, i.id
            LIMIT 1
            RETURNING id
            """, owner);
        cmd.Parameters.Add(new NpgsqlParameter { Value = DemoWorld.Acme.TenantId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = DemoWorld.Acme.PriyaId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = _clock.GetUtcNow() });
        return (Guid)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<Notification> RowAsync(Guid id)
    {
        await using var d = db.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await d.Database.BeginTransactionAsync();
        return await d.Notifications.AsNoTracking().SingleAsync(n => n.Id == id);
    }

    private int Posts => _connector.Messages.Count(m => m.Method == "POST");

    [Fact]
    public async Task AConnectorAnswering500ThreeTimes_IsRetriedWithBackOff_AndTheCardArrivesOnce()
    {
        await using var host = await ReadyAsync();
        var dispatcher = host.Services.GetRequiredService<NotificationDispatcher>();
        var id = await DecideReminderAsync();
        _connector.Then(500);
        _connector.Then(500);
        _connector.Then(500);

        // First round: the POST and the connector client's one retry of an ambiguous POST both get 500.
        await dispatcher.DispatchOnceAsync();
        var first = await RowAsync(id);
        Assert.Equal((NotificationStatus.Pending, 1, 1), (first.Status, first.Attempts, first.ChannelAttempts));
        Assert.Equal(Instant.FromDateTimeOffset(_clock.GetUtcNow()) + Duration.FromSeconds(30), first.NotBefore);
        Assert.Equal("Teams: failed", first.LastError);

        // Not before its time.
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await dispatcher.DispatchOnceAsync());

        // Second round: the third 500, then the retry succeeds.
        _clock.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.DispatchOnceAsync();
        var sent = await RowAsync(id);
        Assert.Equal((NotificationStatus.Sent, 2), (sent.Status, sent.Attempts));
        Assert.Null(sent.LastError);
        Assert.Equal(4, Posts);

        // Nothing more, however often it runs.
        _clock.Advance(TimeSpan.FromHours(1));
        await dispatcher.DispatchOnceAsync();
        Assert.Equal(4, Posts);
    }

    [Fact]
    public async Task AHostStoppingBetweenDecidedAndSent_LosesNothing_AndOneDyingWithAClaim_SendsItOnceAfterTheLease()
    {
        // Decided while a host ran; the host stops before its dispatcher got to it.
        var stopped = await ReadyAsync();
        var decided = await DecideReminderAsync();
        await stopped.DisposeAsync();

        await using var restarted = Host();
        var dispatcher = restarted.Services.GetRequiredService<NotificationDispatcher>();
        await dispatcher.DispatchOnceAsync();
        Assert.Equal(NotificationStatus.Sent, (await RowAsync(decided)).Status);
        Assert.Equal(1, Posts);
        await dispatcher.DispatchOnceAsync();
        Assert.Equal(1, Posts);

        // A host claimed a row and died before sending: nobody else takes it while the claim holds; after, once.
        var claimed = await DecideReminderAsync();
        await using (var owner = await db.OpenOwnerAsync())
        {
            await using var claim = new NpgsqlCommand("UPDATE notifications SET claimed_until = $2 WHERE id = $1", owner);
            claim.Parameters.Add(new NpgsqlParameter { Value = claimed });
            claim.Parameters.Add(new NpgsqlParameter { Value = _clock.GetUtcNow().AddMinutes(2) });
            await claim.ExecuteNonQueryAsync();
        }

        Assert.Equal(0, await dispatcher.DispatchOnceAsync());
        Assert.Equal(1, Posts);
        _clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await dispatcher.DispatchOnceAsync();
        var row = await RowAsync(claimed);
        Assert.Equal((NotificationStatus.Sent, (Instant?)null), (row.Status, row.ClaimedUntil));
        Assert.Equal(2, Posts);
    }

    [Fact]
    public async Task TwoDispatchersAtOnce_SendEachNotificationOnce()
    {
        await using var a = await ReadyAsync();
        await using var b = Host();
        var ids = new List<Guid>();
        for (var k = 0; k < 6; k++)
        {
            ids.Add(await DecideReminderAsync());
        }

        await Task.WhenAll(
            a.Services.GetRequiredService<NotificationDispatcher>().DispatchOnceAsync(),
            b.Services.GetRequiredService<NotificationDispatcher>().DispatchOnceAsync(),
            a.Services.GetRequiredService<NotificationDispatcher>().DispatchOnceAsync());

        foreach (var id in ids)
        {
            Assert.Equal(NotificationStatus.Sent, (await RowAsync(id)).Status);
        }

        Assert.Equal(6, Posts);
    }

    [Fact]
    public async Task ATeamsChannelThatKeepsFailing_IsGivenUpForEmail_AndTheReasonsStayForAdmins()
    {
        await using var host = await ReadyAsync();
        var dispatcher = host.Services.GetRequiredService<NotificationDispatcher>();
        var id = await DecideReminderAsync();
        var before = (await _mail.EmailsAsync()).Count;
        for (var k = 0; k < 2 * Notification.MaxAttemptsPerChannel; k++)
        {
            _connector.Then(503);
        }

        var waits = new List<Duration>();
        for (var attempt = 1; attempt <= Notification.MaxAttemptsPerChannel; attempt++)
        {
            await dispatcher.DispatchOnceAsync();
            var row = await RowAsync(id);
            if (row.NotBefore is { } at)
            {
                waits.Add(at - Instant.FromDateTimeOffset(_clock.GetUtcNow()));
                _clock.Set(at.ToDateTimeOffset());
            }
        }

        // 30 s, 2 min, 8 min on Teams; after the fourth failure Teams is given up and the next channel goes at once.
        Assert.Equal([Duration.FromSeconds(30), Duration.FromMinutes(2), Duration.FromMinutes(8), Duration.Zero], waits);
        var givenUp = await RowAsync(id);
        Assert.Equal((Channel.Slack, NotificationStatus.Pending), (givenUp.Channel, givenUp.Status));
        Assert.Contains("Teams", givenUp.FailedChannels);

        // Admins see it being retried, and why; others are told the list is not theirs.
        await SayAsync(host, AnitaAad, "failed deliveries");
        var report = LastReplyTo(AnitaAad);
        Assert.Contains("Being retried", report, StringComparison.Ordinal);
        Assert.Contains("Priya Sharma — T-3", report, StringComparison.Ordinal);
        Assert.Contains("Teams: failed", report, StringComparison.Ordinal);
        await SayAsync(host, PriyaAad, "deliveries");
        Assert.Contains("Delivery problems are for admins", LastReplyTo(PriyaAad), StringComparison.Ordinal);

        // Slack does not reach Priya (no workspace installed), so it goes on to e-mail in the same round.
        await dispatcher.DispatchOnceAsync();
        var mailed = await RowAsync(id);
        Assert.Equal((NotificationStatus.Sent, Channel.Email), (mailed.Status, mailed.Channel));
        Assert.Equal(["Teams", "Slack"], mailed.FailedChannels);
        var mail = Assert.Single((await _mail.EmailsAsync()).Skip(before));
        Assert.Equal("priya.sharma@acme.example", mail.To);
        Assert.StartsWith("Compliance OS: Reminder — ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Due in 3 days", mail.Text, StringComparison.Ordinal);
        Assert.Contains("open Compliance OS in Microsoft Teams or Slack", mail.Text, StringComparison.Ordinal);
    }
}
