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
/// Reminders and escalations decided by the sweep, day by day through one GSTR-1 (January 2027, due Thursday
/// 11 February): each stage once to its recipients, nothing in quiet hours or on a Sunday, the stage in force
/// sent on the next working morning, and an extension reminded afresh for its new date.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ReminderSweepTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
    private TestTenant _t = null!;
    private Guid _instance;
    private Guid _approver;
    private Guid _contact;
    private Guid _director;

    public async Task InitializeAsync()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        _t = await TestWorld.CreateTenantAsync(fixture);
        var generated = await fixture.Get<GenerateInstancesHandler>().HandleAsync(_t.AsSystem(), new GenerateInstancesCommand(new LocalDate(2027, 2, 1), new LocalDate(2027, 2, 28), new LocalDate(2027, 1, 15), _t.FirstEntityId));
        Assert.True(generated.Succeeded, generated.ToString());
        _approver = await TestWorld.CreateUserAsync(fixture, _t.AsSystem(), "Approver", ["Approver"], [_t.FirstEntityId]);
        _contact = await TestWorld.CreateUserAsync(fixture, _t.AsSystem(), "Contact", ["Owner"], [_t.FirstEntityId]);
        _director = await TestWorld.CreateUserAsync(fixture, _t.AsSystem(), "Director", ["Owner"], [_t.FirstEntityId]);
        var contacts = await fixture.Get<SetEntityContactsHandler>().HandleAsync(_t.AsSystem(), new SetEntityContactsCommand(_t.FirstEntityId, _contact, _director));
        Assert.True(contacts.Succeeded, contacts.ToString());

        await using var owner = await fixture.OpenOwnerAsync();
        await using var find = new Npgsql.NpgsqlCommand("""
            SELECT i.id FROM compliance_instances i JOIN compliance_masters m ON m.id = i.master_id
            WHERE i.tenant_id = $1 AND i.entity_id = $2 AND m.code = 'GSTR1' AND i.period_key = '2027-01'
            """, owner);
        find.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _t.TenantId });
        find.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _t.FirstEntityId });
        _instance = (Guid)(await find.ExecuteScalarAsync())!;

        // Only this instance has people on it, so the sweep's decisions below are all about it.
        await using var assign = new Npgsql.NpgsqlCommand("""
            UPDATE compliance_instances SET owner_user_id = CASE WHEN id = $1 THEN $2 END, approver_user_id = CASE WHEN id = $1 THEN $3 END
            WHERE tenant_id = $4
            """, owner);
        assign.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _instance });
        assign.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _t.OwnerId });
        assign.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _approver });
        assign.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _t.TenantId });
        await assign.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EachStage_ReachesItsRecipientsOnce_AtADecentHour()
    {
        var sent = new List<string>();

        async Task<IReadOnlyList<string>> At(int month, int day, int hour, int minute = 0)
        {
            var clock = new TestClock(new LocalDateTime(2027, month, day, hour, minute).InZoneStrictly(Kolkata).ToDateTimeOffset());
            await new SweepRemindersHandler(fixture.Dbs, clock).HandleAsync(_t.TenantId);
            var all = await QueuedAsync();
            var fresh = all.Skip(sent.Count).ToList();
            sent.AddRange(fresh);
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

        // A government extension to 5 March: a new cycle, reminded again for the new date (T-3 = 2 March).
        var moved = await fixture.Get<RecordExtensionHandler>().HandleAsync(_t.AsSystem(), new RecordExtensionCommand("GSTR1", "2027-01", new LocalDate(2027, 3, 5), "Notification 99/2027-CT"));
        Assert.True(moved.Succeeded, moved.ToString());
        Assert.Empty(await At(3, 1, 11));
        Assert.Equal(["T-3 owner"], await At(3, 2, 11));
        Assert.Contains("due:2027-03-05", await CyclesAsync());
    }

    [Fact]
    public async Task SubmittedWork_RemindsTheApproverOnly_AndWorkSentBack_IsRemindedToTheOwnerAgain()
    {
        async Task SweepAt(int day, int hour) =>
            await new SweepRemindersHandler(fixture.Dbs, new TestClock(new LocalDateTime(2027, 2, day, hour, 0).InZoneStrictly(Kolkata).ToDateTimeOffset())).HandleAsync(_t.TenantId);

        await SweepAt(8, 9);
        Assert.Equal(["T-3 owner"], await QueuedAsync());

        var owner = new Domain.Common.CommandContext(_t.TenantId, Domain.Common.Actor.User(_t.OwnerId, "Owner"), Domain.Common.Channel.Teams, "test");
        var approver = new Domain.Common.CommandContext(_t.TenantId, Domain.Common.Actor.User(_approver, "Approver"), Domain.Common.Channel.Teams, "test");
        var started = await fixture.Get<Domain.Instances.Workflow.StartWorkHandler>().HandleAsync(owner, new Domain.Instances.Workflow.StartWorkCommand(_instance, 1));
        Assert.True(started.Succeeded, started.ToString());
        var submitted = await fixture.Get<Domain.Instances.Workflow.SubmitForApprovalHandler>().HandleAsync(owner, new Domain.Instances.Workflow.SubmitForApprovalCommand(_instance, 2));
        Assert.True(submitted.Succeeded, submitted.ToString());

        // Submitted: the owner has nothing to do; the approver is reminded on the due date.
        await SweepAt(9, 9);
        Assert.Equal(["T-3 owner"], await QueuedAsync(stage: null, approvalRequests: false));
        var rejected = await fixture.Get<Domain.Instances.Workflow.DecideHandler>().HandleAsync(approver, new Domain.Instances.Workflow.RejectCommand(_instance, 3, "ITC does not agree with GSTR-2B"));
        Assert.True(rejected.Succeeded, rejected.ToString());

        // Sent back on the 9th: T-3 is still in force, and the owner is reminded again in the new cycle.
        await SweepAt(9, 11);
        Assert.Equal(["T-3 owner", "T-3 owner"], await QueuedAsync(stage: null, approvalRequests: false));
        Assert.Contains("due:2027-02-11:r1", await CyclesAsync());
    }

    [Fact]
    public async Task ATenantsOwnMatrixAndQuietHours_AreWhatTheSweepFollows()
    {
        var set = await fixture.Get<SetReminderSettingsHandler>().HandleAsync(_t.AsAdmin(), new SetReminderSettingsCommand(
            [new("due", 0, ["approver"]), new("T-5", -5, ["Owner"]), new("+2", 2, ["Director", "director"])], "21:00", "07:00", QuietOnSundays: false));
        Assert.True(set.Succeeded, set.ToString());

        async Task<List<string>> At(int day, int hour, int minute = 0)
        {
            await new SweepRemindersHandler(fixture.Dbs, new TestClock(new LocalDateTime(2027, 2, day, hour, minute).InZoneStrictly(Kolkata).ToDateTimeOffset())).HandleAsync(_t.TenantId);
            return await QueuedAsync();
        }

        Assert.Empty(await At(6, 6, 30));                                   // T-5, before this tenant's 07:00
        Assert.Equal(["T-5 owner"], await At(6, 7, 30));
        Assert.Equal(["T-5 owner", "due approver"], await At(11, 20, 30));  // 20:30 is not quiet here
        Assert.Equal(["T-5 owner", "due approver", "+2 director"], await At(14, 10)); // a Sunday, not quiet here
    }

    [Fact]
    public async Task AMatrix_IsValidatedWhole_ByAnAdminOnly_AndAnUnchangedOneIsNotAuditedAgain()
    {
        var handler = fixture.Get<SetReminderSettingsHandler>();
        var bad = await handler.HandleAsync(_t.AsAdmin(), new SetReminderSettingsCommand(
            [new("T-3", -3, ["Owner"]), new("t-3", 1, ["Nobody"]), new("due", -3, []), new("way too long a name", 200, ["Owner"])], "8pm", "08:00", true));
        var fields = bad.Errors.Select(e => e.Message).ToList();
        Assert.Contains(fields, m => m.StartsWith("stages[1].to: 'Nobody' is not one of", StringComparison.Ordinal));
        Assert.Contains(fields, m => m.StartsWith("stages[2].to: name at least one recipient", StringComparison.Ordinal));
        Assert.Contains(fields, m => m.StartsWith("stages[3].stage:", StringComparison.Ordinal));
        Assert.Contains(fields, m => m.StartsWith("stages[3].daysFromDue:", StringComparison.Ordinal));
        Assert.Contains(fields, m => m.Contains("stage 'T-3' is given twice", StringComparison.Ordinal));
        Assert.Contains(fields, m => m.Contains("two stages fall on day -3", StringComparison.Ordinal));
        Assert.Contains(fields, m => m.StartsWith("quietFrom: '8pm' is not a time of day", StringComparison.Ordinal));

        var forbidden = await handler.HandleAsync(_t.AsOwner(), new SetReminderSettingsCommand([new("due", 0, ["Owner"])], "20:00", "08:00", true));
        Assert.Equal("forbidden", Assert.Single(forbidden.Errors).Code);

        var good = new SetReminderSettingsCommand([new("due", 0, ["Owner", "Approver"]), new("+3", 3, ["EscalationContact"])], "20:00", "08:00", true);
        Assert.True((await handler.HandleAsync(_t.AsAdmin(), good)).Succeeded);
        Assert.True((await handler.HandleAsync(_t.AsAdmin(), good)).Succeeded);

        await using var db = fixture.Dbs.ForTenant(_t.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == Domain.Audit.AuditAction.ReminderSettingsChanged));
        Assert.Equal(["due", "+3"], (await db.ReminderSettings.SingleAsync()).Stages.Select(s => s.Stage));
    }

    [Fact]
    public async Task TwoSweepsAtOnce_QueueEachReminderOnce()
    {
        var clock = new TestClock(new LocalDateTime(2027, 2, 11, 10, 0).InZoneStrictly(Kolkata).ToDateTimeOffset());
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new SweepRemindersHandler(fixture.Dbs, clock).HandleAsync(_t.TenantId)));
        Assert.Equal(["due approver", "due owner"], await QueuedAsync());
    }

    private async Task<List<string>> QueuedAsync(string? stage = null, bool approvalRequests = false)
    {
        await using var db = fixture.Dbs.ForTenant(_t.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var rows = await db.Notifications.Where(n => n.InstanceId == _instance && (stage == null || n.Stage == stage) && (approvalRequests || !n.Stage.StartsWith("approval")) && n.Stage != Domain.Notifications.ExtensionNotifications.Stage)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Stage).ToListAsync();
        return rows.Select(n => $"{n.Stage} {Role(n.RecipientUserId)}").ToList()
            .Select((s, i) => (s, i)).GroupBy(x => rows[x.i].CreatedAt).SelectMany(g => g.Select(x => x.s).Order(StringComparer.Ordinal)).ToList();
    }

    private async Task<List<string>> CyclesAsync()
    {
        await using var db = fixture.Dbs.ForTenant(_t.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.Notifications.Where(n => n.InstanceId == _instance && !n.Stage.StartsWith("approval")).Select(n => n.Cycle).Distinct().ToListAsync();
    }

    private string Role(Guid user) =>
        user == _t.OwnerId ? "owner" : user == _approver ? "approver" : user == _contact ? "contact" : user == _director ? "director" : user.ToString();
}
