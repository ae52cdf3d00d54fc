using System.Net;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Dashboard;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Notifications;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>
/// The deliveries page: notifications that reached no one and those being retried, in the last 30 days, with the
/// people behind them — the facts the bot's "deliveries" card gives, from the same query — and only the tenant's own.
/// </summary>
public sealed class DeliveriesPageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly Guid Acme = DemoWorld.Acme.TenantId;
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AFailedNotification_IsListed_WithWhy_TheChannelsTried_AndItsPerson()
    {
        var (instance, obligation) = await OpenInstanceAsync(Acme);
        var failed = await AddAsync(Acme, DemoWorld.Acme.PriyaId, instance, NotificationStatus.Failed, attempts: 3,
            error: "no channel reaches the recipient (Teams, Slack, Email)", failedChannels: ["Teams", "Slack", "Email"]);
        var retrying = await AddAsync(Acme, DemoWorld.Acme.RahulId, instance, NotificationStatus.Pending, attempts: 1, error: "Teams: failed");
        var delivered = await AddAsync(Acme, DemoWorld.Acme.VikramId, instance, NotificationStatus.Sent, attempts: 1, error: null);
        var longAgo = await AddAsync(Acme, DemoWorld.Acme.VikramId, instance, NotificationStatus.Failed, attempts: 4, error: "an old failure", age: Duration.FromDays(45));
        using var anita = await PortalWorld.AnitaAsync(_host);

        var page = WebUtility.HtmlDecode(await anita.GetPageAsync("/Tenant/Deliveries"));

        var row = Row(page, failed);
        Assert.Contains("Priya Sharma", row, StringComparison.Ordinal);
        Assert.Contains(obligation, row, StringComparison.Ordinal);
        Assert.Contains("no channel reaches the recipient (Teams, Slack, Email)", row, StringComparison.Ordinal);
        Assert.Contains("<td>Teams, Slack, Email</td>", row, StringComparison.Ordinal);
        Assert.Contains($"/Tenant/Audit?instance={instance}", row, StringComparison.Ordinal);
        var retried = Row(page, retrying);
        Assert.Contains("Rahul Mehta", retried, StringComparison.Ordinal);
        Assert.Contains("Teams: failed", retried, StringComparison.Ordinal);
        Assert.True(page.IndexOf("id=\"being-retried\"", StringComparison.Ordinal) < page.IndexOf($"data-notification=\"{retrying}\"", StringComparison.Ordinal));
        Assert.DoesNotContain($"data-notification=\"{delivered}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-notification=\"{longAgo}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("an old failure", page, StringComparison.Ordinal);

        var person = Slice(page, $"<tr data-user=\"{DemoWorld.Acme.PriyaId}\">", "</tr>");
        Assert.Contains("<td>1</td>", person, StringComparison.Ordinal);
        Assert.Contains("Teams, Slack, Email", person, StringComparison.Ordinal);
        var (notDelivered, beingRetried) = await CountAsync(Acme);
        Assert.Contains($"{notDelivered} not delivered, {beingRetried} being retried (last 30 days)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePage_ShowsTheFactsTheBotsCardShows()
    {
        var (instance, obligation) = await OpenInstanceAsync(Acme);
        var failed = await AddAsync(Acme, DemoWorld.Acme.AnitaId, instance, NotificationStatus.Failed, attempts: 2, error: "Teams: failed 4 times; no other channel reaches the recipient", failedChannels: ["Teams"]);
        Card card;
        await using (var db = fixture.Dbs.ForTenant(Acme))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var anitaUser = await db.Users.Include(u => u.Roles).SingleAsync(u => u.Id == DemoWorld.Acme.AnitaId);
            card = await new DeliveryProblems(fixture.Dbs, TimeProvider.System).BuildAsync(new ResolvedIdentity(Acme, "Acme India Pvt Ltd", anitaUser), CancellationToken.None);
        }

        using var anita = await PortalWorld.AnitaAsync(_host);
        var page = WebUtility.HtmlDecode(await anita.GetPageAsync("/Tenant/Deliveries"));

        var facts = card.Blocks.OfType<Section>().Single(s => s.Heading == "Not delivered").Blocks.OfType<FactList>().Single().Facts;
        var fact = Assert.Single(facts, f => f.Label.StartsWith("Anita Desai", StringComparison.Ordinal));
        Assert.Equal($"Anita Desai — due {obligation}", fact.Label);
        Assert.Contains("Teams: failed 4 times; no other channel reaches the recipient · tried Teams · 2 attempt(s)", fact.Value, StringComparison.Ordinal);
        var summary = card.Blocks.OfType<StatusBadge>().Single().Text;
        Assert.Contains(summary, page, StringComparison.Ordinal);
        var row = Row(page, failed);
        foreach (var shown in new[] { "<td>Anita Desai</td>", "<td>due</td>", $">{obligation}</a>", "<td>Teams: failed 4 times; no other channel reaches the recipient</td>", "<td>Teams</td>", "<td>2</td>" })
        {
            Assert.Contains(shown, row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EachAdmin_SeesOnlyTheirOwnTenantsDeliveries()
    {
        var (acmeInstance, _) = await OpenInstanceAsync(Acme);
        var (bharatInstance, _) = await OpenInstanceAsync(DemoWorld.Bharat.TenantId);
        var acme = await AddAsync(Acme, DemoWorld.Acme.VikramId, acmeInstance, NotificationStatus.Failed, attempts: 1, error: "acme-only failure", failedChannels: ["Teams"]);
        var bharat = await AddAsync(DemoWorld.Bharat.TenantId, DemoWorld.Bharat.MeeraId, bharatInstance, NotificationStatus.Failed, attempts: 1, error: "bharat-only failure", failedChannels: ["Slack"]);
        using var anita = await PortalWorld.AnitaAsync(_host);
        using var suresh = await PortalWorld.SureshAsync(_host);

        var acmePage = await anita.GetPageAsync("/Tenant/Deliveries");
        var bharatPage = await suresh.GetPageAsync("/Tenant/Deliveries");

        Assert.Contains($"data-notification=\"{acme}\"", acmePage, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-notification=\"{bharat}\"", acmePage, StringComparison.Ordinal);
        Assert.DoesNotContain("bharat-only failure", acmePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Meera Nair", acmePage, StringComparison.Ordinal);
        Assert.Contains($"data-notification=\"{bharat}\"", bharatPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-notification=\"{acme}\"", bharatPage, StringComparison.Ordinal);
        Assert.DoesNotContain("acme-only failure", bharatPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Vikram Rao", bharatPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOperator_CannotOpenATenantsDeliveries()
    {
        using var op = await PortalWorld.OperatorAsync(_host);

        using var response = await op.GetAsync("/Tenant/Deliveries");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<(Guid Id, string Label)> OpenInstanceAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        var found = await (from i in db.ComplianceInstances
                           join m in db.ComplianceMasters on i.MasterId equals m.Id
                           where i.Status != InstanceStatus.Filed
                           orderby i.Id
                           select new { i.Id, m.Code, i.PeriodKey }).FirstAsync();
        return (found.Id, $"{found.Code} {found.PeriodKey}");
    }

    private async Task<Guid> AddAsync(
        Guid tenant, Guid recipient, Guid instance, NotificationStatus status, int attempts, string? error, List<string>? failedChannels = null, Duration? age = null)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var n = new Notification
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant,
            InstanceId = instance,
            Stage = "due",
            RecipientUserId = recipient,
            Cycle = $"due:test-{Guid.NewGuid():N}",
            Channel = Channel.Teams,
            FailedChannels = failedChannels ?? [],
            Status = status,
            Attempts = attempts,
            LastError = error,
            NotBefore = status == NotificationStatus.Pending ? now + Duration.FromMinutes(2) : null,
            CreatedAt = now - (age ?? Duration.FromMinutes(5)),
            SentAt = status == NotificationStatus.Sent ? now : null,
        };
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Notifications.Add(n);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return n.Id;
    }

    /// <summary>The summary's numbers, counted here without the query under test.</summary>
    private async Task<(int NotDelivered, int BeingRetried)> CountAsync(Guid tenant)
    {
        var since = SystemClock.Instance.GetCurrentInstant() - Duration.FromDays(30);
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        var recent = await db.Notifications.Where(n => n.CreatedAt >= since).Select(n => new { n.Status, n.Attempts }).ToListAsync();
        return (recent.Count(n => n.Status == NotificationStatus.Failed), recent.Count(n => n.Status == NotificationStatus.Pending && n.Attempts > 0));
    }

    private static string Row(string page, Guid notification) => Slice(page, $"<tr data-notification=\"{notification}\">", "</tr>");

    private static string Slice(string page, string start, string end)
    {
        var from = page.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' is not on the page");
        return page[from..page.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
