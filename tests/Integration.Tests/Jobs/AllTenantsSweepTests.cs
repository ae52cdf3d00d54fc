using ComplianceOs.Domain.Entities.SetEntityContacts;
using ComplianceOs.Domain.Instances.Extensions;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Notifications.Reminders;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Jobs;

/// <summary>
/// The all-tenants sweep (<see cref="SweepAllTenantsHandler"/>, one statement for every tenant) decides exactly what
/// the per-tenant sweep decides: the day-by-day GSTR-1 of <see cref="ReminderSweepTests"/> with the same expected
/// reminders, a tenant in another time zone held by its own quiet hours while another is reminded, and a tenant's
/// own matrix followed. After every all-tenants sweep the per-tenant sweep of each tenant finds nothing left to
/// queue, and where the per-tenant sweep goes first the all-tenants sweep finds nothing left either. In a database
/// of its own: the sweep touches every tenant there is.
/// </summary>
public sealed class AllTenantsSweepTests : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
    private readonly DatabaseFixture _fixture;

    public AllTenantsSweepTests(DatabaseFixture fixture) => _fixture = fixture;

    public Task InitializeAsync() => _fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DayByDay_EachStageReachesItsRecipientsOnce_AsThePerTenantSweepDecides()
    {
        var a = await World.CreateAsync(_fixture);
        var sent = new List<string>();

        async Task<IReadOnlyList<string>> At(int month, int day, int hour, int minute = 0)
        {
            var now = new LocalDateTime(2027, month, day, hour, minute).InZoneStrictly(Kolkata).ToDateTimeOffset();
            var result = await SweepAllThenEachAsync(now);
            var mine = Assert.Single(result.Tenants, t => t.TenantId == a.Tenant.TenantId);
            Assert.Equal(new LocalDateTime(2027, month, day, hour, minute), mine.TenantTime);
            var all = await a.QueuedAsync(_fixture);
            var fresh = all.Skip(sent.Count).ToList();
            sent.AddRange(fresh);
            Assert.True(mine.Queued >= fresh.Count);   // the entity's other instances have a contact and director too
            return fresh;
        }

        Assert.Empty(await At(2, 7, 10));                                // T-4: nothing yet
        Assert.Empty(await At(2, 8, 7, 30));                             // T-3, but before 08:00
        Assert.Equal(["T-3 owner"], await At(2, 8, 9));
        Assert.Empty(await At(2, 8, 15));                                // once only
        Assert.Empty(await At(2, 10, 20, 15));                           // evening
        Assert.Equal(["due approver", "due owner"], await At(2, 11, 10)); // the due date
        Assert.Equal(["+1 approver", "+1 owner"], await At(2, 12, 9));
        Assert.Empty(await At(2, 14, 10));                               // +3 falls on a Sunday
        Assert.Equal(["+3 contact"], await At(2, 15, 9));                // Monday: +3 still in force
        Assert.Empty(await At(2, 17, 9));
        Assert.Equal(["+7 director"], await At(2, 18, 11));
        Assert.Empty(await At(3, 10, 11));

        var moved = await _fixture.Get<RecordExtensionHandler>().HandleAsync(a.Tenant.AsSystem(), new RecordExtensionCommand("GSTR1", "2027-01", new LocalDate(2027, 3, 5), "Notification 99/2027-CT"));
        Assert.True(moved.Succeeded, moved.ToString());
        Assert.Empty(await At(3, 1, 11));
        Assert.Equal(["T-3 owner"], await At(3, 2, 11));
        Assert.Contains("due:2027-03-05", await a.CyclesAsync(_fixture));
    }

    [Fact]
    public async Task ATenantInQuietHours_Waits_WhileOthersAreReminded_AndAnOwnMatrixIsFollowed()
    {
        var kolkata = await World.CreateAsync(_fixture);
        var newYork = await World.CreateAsync(_fixture, "America/New_York");
        var custom = await World.CreateAsync(_fixture);
        var set = await _fixture.Get<SetReminderSettingsHandler>().HandleAsync(custom.Tenant.AsAdmin(), new SetReminderSettingsCommand(
            [new("due", 0, ["approver"]), new("T-5", -5, ["Owner"]), new("+2", 2, ["Director", "director"])], "21:00", "07:00", QuietOnSundays: false));
        Assert.True(set.Succeeded, set.ToString());

        // 6 Feb 06:30 IST is 5 Feb 20:00 in New York: quiet there, and before 07:00 for the custom tenant.
        var early = await SweepAllThenEachAsync(At(2, 6, 6, 30));
        Assert.True(Held(early, newYork));
        Assert.True(Held(early, custom));
        Assert.Empty(await custom.QueuedAsync(_fixture));

        // 07:30 IST: the custom tenant's T-5 goes to the owner (the default matrix has no T-5); New York, at 21:00 on
        // the 5th, is still quiet.
        var t5 = await SweepAllThenEachAsync(At(2, 6, 7, 30));
        Assert.True(Held(t5, newYork));
        Assert.Equal(["T-5 owner"], await custom.QueuedAsync(_fixture));
        Assert.Empty(await kolkata.QueuedAsync(_fixture));

        // 11 Feb 10:00 IST (the due date) is 23:30 on the 10th in New York: held there; the others are reminded, the
        // custom tenant by its own matrix (the due date to the approver only).
        var morning = await SweepAllThenEachAsync(At(2, 11, 10));
        Assert.False(Held(morning, kolkata));
        Assert.True(Held(morning, newYork));
        Assert.Equal(["due approver", "due owner"], await kolkata.QueuedAsync(_fixture));
        Assert.Empty(await newYork.QueuedAsync(_fixture));
        Assert.Equal(["T-5 owner", "due approver"], await custom.QueuedAsync(_fixture));

        // 11 Feb 20:30 IST is 10:00 in New York: its due-date reminders go now; Kolkata's default quiet hours hold it;
        // 20:30 is not quiet for the custom tenant. The per-tenant sweep goes first here, and the all-tenants sweep
        // then finds nothing left to queue.
        var evening = At(2, 11, 20, 30);
        foreach (var t in morning.Tenants)
        {
            await new SweepRemindersHandler(_fixture.Dbs, new TestClock(evening)).HandleAsync(t.TenantId);
        }

        var after = await new SweepAllTenantsHandler(_fixture.Dbs, new TestClock(evening)).HandleAsync();
        Assert.True(Held(after, kolkata));
        Assert.False(Held(after, newYork));
        Assert.Equal(0, after.Queued);
        Assert.Equal(["due approver", "due owner"], await newYork.QueuedAsync(_fixture));
        Assert.Equal(new LocalDateTime(2027, 2, 11, 10, 0), Assert.Single(after.Tenants, t => t.TenantId == newYork.Tenant.TenantId).TenantTime);

        // 14 Feb, a Sunday, 10:00 IST: quiet by default, not for the custom tenant, whose +2 reaches the director once
        // though named twice.
        var sunday = await SweepAllThenEachAsync(At(2, 14, 10));
        Assert.True(Held(sunday, kolkata));
        Assert.Equal(["T-5 owner", "due approver", "+2 director"], await custom.QueuedAsync(_fixture));
    }

    [Fact]
    public async Task TwoAllTenantsSweepsAtOnce_QueueEachReminderOnce()
    {
        var a = await World.CreateAsync(_fixture);
        var clock = new TestClock(At(2, 11, 10));
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => new SweepAllTenantsHandler(_fixture.Dbs, clock).HandleAsync()));
        Assert.Equal(["due approver", "due owner"], await a.QueuedAsync(_fixture));
        Assert.Equal(2, results.Sum(r => r.Tenants.Single(t => t.TenantId == a.Tenant.TenantId).Queued));
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(2027, month, day, hour, minute).InZoneStrictly(Kolkata).ToDateTimeOffset();

    private static bool Held(AllTenantsSweepResult result, World world) => Assert.Single(result.Tenants, t => t.TenantId == world.Tenant.TenantId).Held;

    /// <summary>The all-tenants sweep at <paramref name="now"/>, then the per-tenant sweep of every tenant, which must find nothing left.</summary>
    private async Task<AllTenantsSweepResult> SweepAllThenEachAsync(DateTimeOffset now)
    {
        var clock = new TestClock(now);
        var result = await new SweepAllTenantsHandler(_fixture.Dbs, clock).HandleAsync();
        foreach (var tenant in result.Tenants)
        {
            var again = await new SweepRemindersHandler(_fixture.Dbs, clock).HandleAsync(tenant.TenantId);
            Assert.Equal(tenant.Held, again.Held);
            Assert.Equal(tenant.TenantTime, again.TenantTime);
            Assert.Equal(0, again.Queued);
        }

        return result;
    }

    /// <summary>A tenant whose only staffed instance is its GSTR-1 for January 2027 (due Thursday 11 February), with every stage's recipient.</summary>
    private sealed record World(TestTenant Tenant, Guid Instance, Guid Approver, Guid Contact, Guid Director)
    {
        public static async Task<World> CreateAsync(DatabaseFixture fixture, string? timeZone = null)
        {
            var t = await TestWorld.CreateTenantAsync(fixture, timeZone: timeZone);
            var generated = await fixture.Get<GenerateInstancesHandler>().HandleAsync(t.AsSystem(), new GenerateInstancesCommand(new LocalDate(2027, 2, 1), new LocalDate(2027, 2, 28), new LocalDate(2027, 1, 15), t.FirstEntityId));
            Assert.True(generated.Succeeded, generated.ToString());
            var approver = await TestWorld.CreateUserAsync(fixture, t.AsSystem(), "Approver", ["Approver"], [t.FirstEntityId]);
            var contact = await TestWorld.CreateUserAsync(fixture, t.AsSystem(), "Contact", ["Owner"], [t.FirstEntityId]);
            var director = await TestWorld.CreateUserAsync(fixture, t.AsSystem(), "Director", ["Owner"], [t.FirstEntityId]);
            var contacts = await fixture.Get<SetEntityContactsHandler>().HandleAsync(t.AsSystem(), new SetEntityContactsCommand(t.FirstEntityId, contact, director));
            Assert.True(contacts.Succeeded, contacts.ToString());

            await using var owner = await fixture.OpenOwnerAsync();
            await using var find = new Npgsql.NpgsqlCommand("""
                SELECT i.id FROM compliance_instances i JOIN compliance_masters m ON m.id = i.master_id
                WHERE i.tenant_id = $1 AND i.entity_id = $2 AND m.code = 'GSTR1' AND i.period_key = '2027-01'
                """, owner);
            find.Parameters.Add(new Npgsql.NpgsqlParameter { Value = t.TenantId });
            find.Parameters.Add(new Npgsql.NpgsqlParameter { Value = t.FirstEntityId });
            var instance = (Guid)(await find.ExecuteScalarAsync())!;

            await using var assign = new Npgsql.NpgsqlCommand("""
                UPDATE compliance_instances SET owner_user_id = CASE WHEN id = $1 THEN $2 END, approver_user_id = CASE WHEN id = $1 THEN $3 END
                WHERE tenant_id = $4
                """, owner);
            assign.Parameters.Add(new Npgsql.NpgsqlParameter { Value = instance });
            assign.Parameters.Add(new Npgsql.NpgsqlParameter { Value = t.OwnerId });
            assign.Parameters.Add(new Npgsql.NpgsqlParameter { Value = approver });
            assign.Parameters.Add(new Npgsql.NpgsqlParameter { Value = t.TenantId });
            await assign.ExecuteNonQueryAsync();
            return new World(t, instance, approver, contact, director);
        }

        public async Task<List<string>> QueuedAsync(DatabaseFixture fixture)
        {
            await using var db = fixture.Dbs.ForTenant(Tenant.TenantId);
            await using var tx = await db.Database.BeginTransactionAsync();
            var rows = await db.Notifications.Where(n => n.InstanceId == Instance && !n.Stage.StartsWith("approval") && n.Stage != Domain.Notifications.ExtensionNotifications.Stage)
                .OrderBy(n => n.CreatedAt).ThenBy(n => n.Stage).ToListAsync();
            return rows.Select(n => $"{n.Stage} {Role(n.RecipientUserId)}").ToList()
                .Select((s, i) => (s, i)).GroupBy(x => rows[x.i].CreatedAt).SelectMany(g => g.Select(x => x.s).Order(StringComparer.Ordinal)).ToList();
        }

        public async Task<List<string>> CyclesAsync(DatabaseFixture fixture)
        {
            await using var db = fixture.Dbs.ForTenant(Tenant.TenantId);
            await using var tx = await db.Database.BeginTransactionAsync();
            return await db.Notifications.Where(n => n.InstanceId == Instance && !n.Stage.StartsWith("approval")).Select(n => n.Cycle).Distinct().ToListAsync();
        }

        private string Role(Guid user) =>
            user == Tenant.OwnerId ? "owner" : user == Approver ? "approver" : user == Contact ? "contact" : user == Director ? "director" : user.ToString();
    }
}
