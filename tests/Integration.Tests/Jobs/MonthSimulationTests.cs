using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceOs.BotHost.Notifications;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Extensions;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Instances.Workflow;
using ComplianceOs.Domain.Notifications;
using ComplianceOs.Domain.Notifications.Digests;
using ComplianceOs.Domain.Notifications.Reminders;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Integration.Tests.Slack;
using ComplianceOs.Integration.Tests.Teams.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Jobs;

/// <summary>
/// December 2026 on the demo world, in its own database, as the jobs and two bot hosts would live it: at fixed
/// moments of each day (Asia/Kolkata) two workers generate, recompute, sweep reminders and queue digests at the
/// same moment, and two dispatchers deliver at the same moment: Teams through a fake Bot Connector, Slack through a
/// fake Slack Web API (Vikram prefers Slack), e-mail through maildev (Anita prefers e-mail). On the way Priya
/// snoozes a reminder, Rahul rejects work Priya submitted and she is reminded again, and the government extends a
/// due date. Every delivery is checked against what the outbox says was sent, and the reminder stages per person
/// and day against the matrix.
/// </summary>
public sealed class MonthSimulationTests : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string PriyaAad = "a1c3e5f7-1111-4a2b-8c3d-000000000101";
    private const string RahulAad = "a1c3e5f7-2222-4a2b-8c3d-000000000102";
    private const string AnitaAad = "a1c3e5f7-3333-4a2b-8c3d-000000000103";
    private static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
    private static readonly LocalTime[] Moments = [new(7, 45), new(8, 0), new(8, 30), new(9, 0), new(12, 0), new(17, 0), new(19, 45), new(20, 30)];
    private static readonly LocalDate First = new(2026, 12, 1);
    private static readonly LocalDate Last = new(2026, 12, 31);

    private readonly DatabaseFixture _db;
    private readonly TestClock _clock = new(new LocalDateTime(2026, 11, 30, 18, 0).InZoneStrictly(Kolkata).ToDateTimeOffset());
    private ServiceProvider _domain = null!;
    private const string AcmeSlackToken = "xoxb-acme-month";
    private FakeConnector _connector = null!;
    private FakeSlackApi _slack = null!;
    private MailDev _mail = null!;
    private WebApplicationFactory<Program> _hostA = null!;
    private WebApplicationFactory<Program> _hostB = null!;

    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public MonthSimulationTests(DatabaseFixture db, Xunit.Abstractions.ITestOutputHelper output)
    {
        _db = db;
        _output = output;
    }

    public async Task InitializeAsync()
    {
        await _db.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 30));
        _domain = new ServiceCollection().AddDomainModule(_db.AppConnectionString).AddSingleton<TimeProvider>(_clock).BuildServiceProvider();
        _connector = await FakeConnector.StartAsync();
        _slack = await FakeSlackApi.StartAsync();
        _slack.AddWorkspace(DemoWorld.Acme.SlackTeamId, AcmeSlackToken, "U0ACMEBOT", "B0ACMEBOT");
        _slack.AddUser(DemoWorld.Acme.SlackTeamId, "U0VIKRAM1", "vikram", "vikram.rao@acme.example");
        _mail = await MailDev.StartAsync();

        // Anita chose e-mail (the admin portal will set this; here as the owner would).
        await using var owner = await _db.OpenOwnerAsync();
        await using var prefer = new Npgsql.NpgsqlCommand($"UPDATE users SET preferred_channel = 'Email' WHERE id = '{DemoWorld.Acme.AnitaId}'", owner);
        Assert.Equal(1, await prefer.ExecuteNonQueryAsync());
        _hostA = Host();
        _hostB = Host();
    }

    private WebApplicationFactory<Program> Host() => new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
        .UseSetting("ConnectionStrings:ComplianceDb", _db.AppConnectionString)
        .UseSetting("Bot:AllowAnonymous", "true")
        .UseSetting("Notifications:DispatchIntervalSeconds", "0")
        .UseSetting("Email:SmtpHost", "127.0.0.1")
        .UseSetting("Email:SmtpPort", _mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Email:Security", "None")
        .UseSetting("Slack:SigningSecret", "month-signing-secret-0123456789abcdef")
        .UseSetting("Slack:ApiBaseUrl", _slack.BaseUrl)
        .UseSetting($"Slack:DemoWorkspaces:{DemoWorld.Acme.SlackTeamId}:BotToken", AcmeSlackToken)
        .UseSetting($"Slack:DemoWorkspaces:{DemoWorld.Acme.SlackTeamId}:BotUserId", "U0ACMEBOT")
        .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _hostA.DisposeAsync();
        await _hostB.DisposeAsync();
        await _connector.DisposeAsync();
        await _mail.DisposeAsync();
        await _domain.DisposeAsync();
    }

    private sealed record Sent(Guid Id, Guid? InstanceId, string Stage, Guid Recipient, string Cycle, Channel Channel, LocalDateTime At);

    [Fact]
    public async Task December_EachCardAndEmailArrivesOnce_OnItsDay_AtADecentHour()
    {
        foreach (var aad in new[] { PriyaAad, RahulAad, AnitaAad })
        {
            await SayHiAsync(aad);
        }

        await DrainAsync();
        _connector.Requests.Clear();
        var tenant = DemoWorld.Acme.TenantId;
        var sent = new List<Sent>();
        var teamsSeen = 0;
        var slackSeen = 0;
        var mailsSeen = 0;
        Guid? snoozed = null;
        (Guid Instance, LocalDate Due, LocalDate Day)? rejected = null;
        (string Code, string Period, LocalDate NewDue)? extended = null;

        for (var day = First; day <= Last; day = day.PlusDays(1))
        {
            foreach (var moment in Moments)
            {
                var local = day.At(moment);
                _clock.Set(local.InZoneStrictly(Kolkata).ToDateTimeOffset());

                // The scripted people, at noon and at five.
                if (moment == new LocalTime(12, 0) && day == new LocalDate(2026, 12, 10))
                {
                    extended = await ExtendAsync();
                }

                if (moment == new LocalTime(12, 0) && rejected is null && day.DayOfWeek != IsoDayOfWeek.Sunday)
                {
                    rejected = await SubmitTodaysT3Async(sent, day);
                }

                if (moment == new LocalTime(17, 0) && rejected is { } r && day == r.Day)
                {
                    await RejectAsync(r.Instance);
                }

                // Two workers at the same moment, then two dispatchers at the same moment.
                await Task.WhenAll(WorkerAsync(tenant, moment), WorkerAsync(tenant, moment));
                await DrainAsync();

                var now = await SentSinceAsync(sent, local);
                var teams = _connector.Messages.Count(m => m.Method == "POST"); // PUTs replace cards already sent (a decided request)
                var slack = _slack.CallsTo("chat.postMessage").Count(c => c.Status == 200 && c.Error is null);
                var mails = (await _mail.EmailsAsync()).Count;
                Assert.True(
                    (now.Count(s => s.Channel == Channel.Teams), now.Count(s => s.Channel == Channel.Slack), now.Count(s => s.Channel == Channel.Email)) == (teams - teamsSeen, slack - slackSeen, mails - mailsSeen),
                    $"{local}: outbox sent {now.Count} ({string.Join(", ", now.Select(s => $"{s.Stage}/{s.Channel}"))}), connector got {teams - teamsSeen}, Slack {slack - slackSeen}, maildev {mails - mailsSeen}");
                teamsSeen = teams;
                slackSeen = slack;
                mailsSeen = mails;

                if (snoozed is null && now.FirstOrDefault(s => s.Stage == "T-3" && s.Recipient == DemoWorld.Acme.PriyaId && day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)) is { } t3)
                {
                    await SnoozeAsync(t3.Id);
                    snoozed = t3.Id;
                    teamsSeen = _connector.Messages.Count(m => m.Method == "POST");
                }
            }
        }

        // Nothing ever arrives in quiet hours (20:00–08:00, Sundays).
        Assert.All(sent, s => Assert.True(s.At.TimeOfDay >= new LocalTime(8, 0) && s.At.TimeOfDay < new LocalTime(20, 0) && s.At.DayOfWeek != IsoDayOfWeek.Sunday, $"{s.Stage} to {s.Recipient} at {s.At}"));

        // Digests: one a day per person at 08:30 (never before), weekly calendars on Mondays at 09:00.
        var digests = sent.Where(s => s.Stage == QueueDigestsHandler.DailyStage).ToList();
        Assert.All(digests, s => Assert.Equal(new LocalTime(8, 30), s.At.TimeOfDay));
        Assert.Equal(digests.Count, digests.Select(s => (s.Recipient, s.At.Date)).Distinct().Count());
        var workdays = Enumerable.Range(0, 31).Select(d => First.PlusDays(d)).Count(d => d.DayOfWeek != IsoDayOfWeek.Sunday);
        Assert.Equal(workdays, digests.Count(s => s.Recipient == DemoWorld.Acme.PriyaId));
        var weekly = sent.Where(s => s.Stage == QueueDigestsHandler.WeeklyStage).ToList();
        Assert.NotEmpty(weekly);
        Assert.All(weekly, s => Assert.Equal((IsoDayOfWeek.Monday, new LocalTime(9, 0)), (s.At.DayOfWeek, s.At.TimeOfDay)));
        Assert.Equal(weekly.Count, weekly.Select(s => (s.Recipient, s.At.Date)).Distinct().Count());

        // Every card that went to Teams (reminders, escalations, digests, calendars, approvals) passes the official parser.
        var dir = Directory.CreateTempSubdirectory("month-cards-").FullName;
        var files = _connector.Messages.Where(m => m.Method == "POST")
            .Select(m => JsonNode.Parse(m.Body)!["attachments"]?[0]?["content"])
            .Where(c => c is not null)
            .Select((c, k) =>
            {
                var file = Path.Combine(dir, $"card-{k}.json");
                File.WriteAllText(file, c!.ToJsonString());
                return file;
            }).ToList();
        Assert.True(files.Count > 100);

        // A reminder before the due date says what lateness would cost; one after it, what it costs so far.
        var texts = files.Select(File.ReadAllText).Select(j => JsonNode.Parse(j)!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })).ToList();
        Assert.Contains(texts, t => t.Contains("Due in 3 days", StringComparison.Ordinal) && t.Contains("late fee Rs 50 after one day", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("1 day late: late fees and interest are accruing", StringComparison.Ordinal) && t.Contains("Late fee so far", StringComparison.Ordinal));
        Assert.All(texts.Where(t => t.Contains("Due in 3 days", StringComparison.Ordinal)), t => Assert.Contains("Remind me tomorrow", t, StringComparison.Ordinal));

        var parsed = await Cards.AdaptiveCardParser.ValidateAsync(files);
        Assert.True(parsed.ExitCode == 0, parsed.ToString());
        Assert.All(parsed.Files, f => Assert.Empty(f.Errors));

        // And every Slack message's blocks pass the official Block Kit types.
        var slackFiles = _slack.CallsTo("chat.postMessage").Select((c, k) => Cards.BlockKitChecker.Write(dir, $"slack-{k}", Cards.BlockKitChecker.Kind.Blocks, c.Json!["blocks"]!)).ToList();
        Assert.NotEmpty(slackFiles);
        var checkedSlack = await Cards.BlockKitChecker.CheckAsync(slackFiles);
        Assert.True(checkedSlack.ExitCode == 0, checkedSlack.ToString());

        // Each person's own channel: Vikram's in Slack (a DM opened once), Anita's by e-mail with the card's words, the rest in Teams.
        Assert.All(sent, s => Assert.Equal(s.Recipient == DemoWorld.Acme.VikramId ? Channel.Slack : s.Recipient == DemoWorld.Acme.AnitaId ? Channel.Email : Channel.Teams, s.Channel));
        Assert.Contains(sent, s => s.Recipient == DemoWorld.Acme.VikramId && ReminderBadges.For(s.Stage) is not null);
        Assert.All(_slack.CallsTo("chat.postMessage"), c => Assert.Equal(DemoWorld.Acme.SlackTeamId, c.TeamId));
        var mailsToAnita = (await _mail.EmailsAsync()).Where(m => m.To == "anita.desai@acme.example").ToList();
        Assert.Equal(mailsSeen, mailsToAnita.Count);
        Assert.Equal(sent.Count(s => s.Recipient == DemoWorld.Acme.AnitaId), mailsToAnita.Count);
        Assert.Contains(mailsToAnita, m => m.Subject.StartsWith("Compliance OS: Escalation — ", StringComparison.Ordinal) && m.Text.Contains("7 days late: escalated to you as director", StringComparison.Ordinal));
        Assert.Contains(mailsToAnita, m => m.Subject.StartsWith("Compliance OS: This week's compliance calendar", StringComparison.Ordinal) && m.Text.Contains("Acme Services LLP", StringComparison.Ordinal));

        // The snooze: the same stage once more, the next day at 09:00, and nothing else of it.
        var original = Assert.Single(sent, s => s.Id == snoozed);
        var again = Assert.Single(sent, s => s.InstanceId == original.InstanceId && s.Recipient == original.Recipient && SnoozeReminderHandler.IsSnoozed(s.Cycle));
        Assert.Equal((original.Stage, original.At.Date.PlusDays(1).At(new LocalTime(9, 0))), (again.Stage, again.At));

        // The rejection: Priya's T-3 arrived in the morning, then again after the work came back to her.
        Assert.NotNull(rejected);
        var t3s = sent.Where(s => s.InstanceId == rejected.Value.Instance && s.Stage == "T-3" && s.Recipient == DemoWorld.Acme.PriyaId).OrderBy(s => s.At).ToList();
        Assert.Equal(2, t3s.Count);
        Assert.Equal((new LocalTime(8, 0), new LocalTime(17, 0)), (t3s[0].At.TimeOfDay, t3s[1].At.TimeOfDay));
        Assert.EndsWith(":r1", t3s[1].Cycle, StringComparison.Ordinal);
        Assert.Contains(sent, s => s.InstanceId == rejected.Value.Instance && s.Stage == ApprovalNotifications.RequestStage && s.Recipient == DemoWorld.Acme.RahulId);

        // The extension: reminders follow the new date.
        Assert.NotNull(extended);
        var movedT3 = sent.Where(s => s.Stage == "T-3" && s.Cycle == $"due:{extended.Value.NewDue:uuuu-MM-dd}").ToList();
        Assert.NotEmpty(movedT3);

        // Every reminder stage of work nobody touched, per person and day, exactly as the matrix says.
        var expected = await ExpectedStagesAsync(tenant, except: [rejected.Value.Instance]);
        Assert.NotEmpty(expected.Stages);
        var actual = sent.Where(s => s.InstanceId is { } id && expected.Instances.Contains(id) && ReminderBadges.For(s.Stage) is not null && !SnoozeReminderHandler.IsSnoozed(s.Cycle))
            .Select(s => (s.InstanceId!.Value, s.Stage, s.Recipient, s.At.Date)).OrderBy(x => x).ToList();
        _output.WriteLine($"sent {sent.Count}: {string.Join(", ", sent.GroupBy(s => s.Stage).Select(g => $"{g.Key} {g.Count()}"))}; Teams {teamsSeen}, Slack {slackSeen}, e-mails {mailsSeen}; matrix stages checked {expected.Stages.Count} over {expected.Instances.Count} instances");
        Assert.Equal(expected.Stages.OrderBy(x => x).ToList(), actual);
        Assert.All(sent.Where(s => expected.Instances.Contains(s.InstanceId ?? Guid.Empty) && !SnoozeReminderHandler.IsSnoozed(s.Cycle)), s => Assert.Equal(new LocalTime(8, 0), s.At.TimeOfDay));
    }

    /// <summary>
    /// The matrix applied by hand to every open instance whose stages all fall in December: a stage reaches each of
    /// its recipients on its first day that is not a Sunday before the next stage begins (none when there is none).
    /// </summary>
    private async Task<(HashSet<Guid> Instances, List<(Guid, string, Guid, LocalDate)> Stages)> ExpectedStagesAsync(Guid tenant, Guid[] except)
    {
        await using var db = _db.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        var rows = await (from i in db.ComplianceInstances
                          join e in db.LegalEntities on i.EntityId equals e.Id
                          where i.Status != InstanceStatus.Filed && i.Status != InstanceStatus.Approved
                          select new { i.Id, Due = i.ExtendedDueDate ?? i.StatutoryDueDate, i.Status, i.OwnerUserId, i.ApproverUserId, e.EscalationContactUserId, e.DirectorUserId }).ToListAsync();
        var matrix = EscalationMatrix.Default;
        var instances = new HashSet<Guid>();
        var stages = new List<(Guid, string, Guid, LocalDate)>();
        foreach (var r in rows.Where(r => r.Due is { } d && d.PlusDays(matrix[0].DaysFromDue) > First && d.PlusDays(matrix[^1].DaysFromDue + 1) <= Last && !except.Contains(r.Id)))
        {
            instances.Add(r.Id);
            for (var k = 0; k < matrix.Count; k++)
            {
                var start = r.Due!.Value.PlusDays(matrix[k].DaysFromDue);
                var end = k + 1 < matrix.Count ? r.Due.Value.PlusDays(matrix[k + 1].DaysFromDue) : Last.PlusDays(1);
                var day = start.DayOfWeek == IsoDayOfWeek.Sunday ? start.PlusDays(1) : start;
                if (day >= end)
                {
                    continue;
                }

                foreach (var to in matrix[k].To)
                {
                    var who = to switch
                    {
                        StageRecipient.Owner when r.Status is InstanceStatus.NotStarted or InstanceStatus.InProgress => r.OwnerUserId,
                        StageRecipient.Owner => null,
                        StageRecipient.Approver => r.ApproverUserId,
                        StageRecipient.EscalationContact => r.EscalationContactUserId,
                        _ => r.DirectorUserId,
                    };
                    if (who is { } id)
                    {
                        stages.Add((r.Id, matrix[k].Stage, id, day));
                    }
                }
            }
        }

        return (instances, stages);
    }

    /// <summary>What a worker does at this moment: the morning's generation and recompute, then the reminder sweep and digests.</summary>
    private async Task WorkerAsync(Guid tenant, LocalTime moment)
    {
        if (moment == new LocalTime(8, 0))
        {
            var generated = await _domain.GetRequiredService<GenerateAheadHandler>().HandleAsync(tenant);
            Assert.True(generated.Succeeded, generated.ToString());
            await _domain.GetRequiredService<RecomputeTenantHandler>().HandleAsync(tenant);
        }

        await _domain.GetRequiredService<SweepRemindersHandler>().HandleAsync(tenant);
        await _domain.GetRequiredService<QueueDigestsHandler>().HandleAsync(tenant);
    }

    /// <summary>Both hosts' dispatchers at once, until nothing is left that may go now.</summary>
    private async Task DrainAsync()
    {
        var a = _hostA.Services.GetRequiredService<NotificationDispatcher>();
        var b = _hostB.Services.GetRequiredService<NotificationDispatcher>();
        for (var round = 0; round < 20; round++)
        {
            var handled = await Task.WhenAll(a.DispatchOnceAsync(), b.DispatchOnceAsync());
            if (handled.Sum() == 0)
            {
                return;
            }
        }
    }

    private async Task<List<Sent>> SentSinceAsync(List<Sent> sent, LocalDateTime at)
    {
        await using var db = _db.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var known = sent.Select(s => s.Id).ToHashSet();
        var rows = await db.Notifications.AsNoTracking().Where(n => n.Status == NotificationStatus.Sent).ToListAsync();
        var now = rows.Where(n => !known.Contains(n.Id)).Select(n => new Sent(n.Id, n.InstanceId, n.Stage, n.RecipientUserId, n.Cycle, n.Channel, at)).ToList();
        sent.AddRange(now);
        return now;
    }

    /// <summary>Priya starts and submits an instance whose T-3 reminder she had this morning (Rahul approves it).</summary>
    private async Task<(Guid, LocalDate, LocalDate)?> SubmitTodaysT3Async(List<Sent> sent, LocalDate day)
    {
        var todays = sent.Where(s => s.Stage == "T-3" && s.Recipient == DemoWorld.Acme.PriyaId && s.At.Date == day && s.Id != sent.FirstOrDefault(x => x.Stage == "T-3" && x.Recipient == DemoWorld.Acme.PriyaId)?.Id).ToList();
        foreach (var candidate in todays)
        {
            var i = await InstanceAsync(candidate.InstanceId!.Value);
            if (i.ApproverUserId != DemoWorld.Acme.RahulId || i.Status != InstanceStatus.NotStarted || i.IsBlocked)
            {
                continue;
            }

            var priya = new CommandContext(DemoWorld.Acme.TenantId, Actor.User(DemoWorld.Acme.PriyaId, "Priya Sharma"), Channel.Teams);
            var started = await _domain.GetRequiredService<StartWorkHandler>().HandleAsync(priya, new StartWorkCommand(i.Id, i.Version));
            Assert.True(started.Succeeded, started.ToString());
            var submitted = await _domain.GetRequiredService<SubmitForApprovalHandler>().HandleAsync(priya, new SubmitForApprovalCommand(i.Id, i.Version + 1));
            Assert.True(submitted.Succeeded, submitted.ToString());
            return (i.Id, i.DueDateInForce!.Value, day);
        }

        return null;
    }

    private async Task RejectAsync(Guid instanceId)
    {
        var i = await InstanceAsync(instanceId);
        var rahul = new CommandContext(DemoWorld.Acme.TenantId, Actor.User(DemoWorld.Acme.RahulId, "Rahul Mehta"), Channel.Teams);
        var rejected = await _domain.GetRequiredService<DecideHandler>().HandleAsync(rahul, new RejectCommand(i.Id, i.Version, "Challan amount does not match the ledger"));
        Assert.True(rejected.Succeeded, rejected.ToString());
    }

    /// <summary>The government extends November's GSTR-3B (due 20 December) by five days, on 10 December.</summary>
    private async Task<(string, string, LocalDate)> ExtendAsync()
    {
        var newDue = new LocalDate(2026, 12, 25);
        var anita = new CommandContext(DemoWorld.Acme.TenantId, Actor.User(DemoWorld.Acme.AnitaId, "Anita Desai"), Channel.Teams);
        var result = await _domain.GetRequiredService<RecordExtensionHandler>().HandleAsync(anita, new RecordExtensionCommand("GSTR3B", "2026-11", newDue, "Notification No. 99/2026-Central Tax"));
        Assert.True(result.Succeeded, result.ToString());
        Assert.True(result.Value!.InstancesMoved > 0);
        return ("GSTR3B", "2026-11", newDue);
    }

    private async Task<ComplianceInstance> InstanceAsync(Guid id)
    {
        await using var db = _db.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.ComplianceInstances.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    /// <summary>"Remind me tomorrow" clicked on the reminder card in Teams.</summary>
    private async Task SnoozeAsync(Guid notificationId)
    {
        var activity = Activity(PriyaAad, "invoke");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "snooze", ["data"] = new JsonObject { ["notificationId"] = notificationId.ToString() } } };
        var response = await _hostA.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Snoozed: I will remind you again on", body);
    }

    private async Task SayHiAsync(string aad)
    {
        var activity = Activity(aad, "message");
        activity["text"] = "hi";
        var response = await _hostA.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode);
    }

    private JsonObject Activity(string aad, string type) => TeamsActivities.Personal(aad, type, _connector.BaseUrl);
}
