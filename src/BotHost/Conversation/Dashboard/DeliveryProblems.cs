using ComplianceOs.BotHost.Cards;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Notifications.Deliveries;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.BotHost.Conversation.Dashboard;

/// <summary>
/// "Deliveries", for admins: the tenant's notifications that could not be delivered (with every channel tried and
/// why) and those being retried, newest first — so someone finds out that a reminder never reached its person. The
/// admin portal's Deliveries page shows the same rows (<see cref="DeliveryProblemsQuery"/>).
/// </summary>
public sealed class DeliveryProblems(ComplianceDbFactory dbs, TimeProvider clock)
{
    private const int Limit = 15;
    private static readonly InstantPattern When = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm 'UTC'");

    public async Task<Card> BuildAsync(ResolvedIdentity identity, CancellationToken ct)
    {
        if (!identity.User!.HasRole(UserRole.Admin))
        {
            return new Card([new TextBlock("Delivery problems are for admins.")]) { Title = "Deliveries" };
        }

        var since = Instant.FromDateTimeOffset(clock.GetUtcNow()) - Duration.FromDays(30);
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await DeliveryProblemsQuery.ListAsync(db, since, 2 * Limit, ct: ct);
        var failed = rows.Where(r => r.IsFailed).ToList();
        var retrying = rows.Where(r => !r.IsFailed).ToList();
        if (rows.Count == 0)
        {
            return new Card([new StatusBadge(StatusTone.Good, "Every notification of the last 30 days was delivered or is on its way.")]) { Title = "Deliveries" };
        }

        var blocks = new List<CardBlock> { new StatusBadge(failed.Count > 0 ? StatusTone.Attention : StatusTone.Warning, $"{failed.Count} not delivered, {retrying.Count} being retried (last 30 days)") };
        if (failed.Count > 0)
        {
            blocks.Add(new Section("Not delivered", [new FactList(failed.Take(Limit).Select(r => new Fact(
                $"{r.Person} — {r.Stage}{(r.Obligation is { } o ? " " + o : string.Empty)}",
                $"{r.LastError} · tried {string.Join(", ", r.ChannelsTried)} · {r.Attempts} attempt(s) · queued {When.Format(r.CreatedAt)}")).ToList())]));
        }

        if (retrying.Count > 0)
        {
            blocks.Add(new Section("Being retried", [new FactList(retrying.Take(Limit).Select(r => new Fact(
                $"{r.Person} — {r.Stage}{(r.Obligation is { } o ? " " + o : string.Empty)}",
                $"{r.LastError} · next by {r.Channel}{(r.NotBefore is { } at ? " at " + When.Format(at) : string.Empty)} · {r.Attempts} attempt(s)")).ToList())]));
        }

        return new Card(blocks) { Title = "Deliveries" };
    }
}
