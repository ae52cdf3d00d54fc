using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Integration.Tests.Teams.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Teams;

/// <summary>The workflow from card buttons (Action.Execute invokes) through /api/messages, on the demo world.</summary>
[Collection(DatabaseCollection.Name)]
public class CardWorkflowTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private const string Priya = "a1c3e5f7-1111-4a2b-8c3d-000000000101";
    private const string Rahul = "a1c3e5f7-2222-4a2b-8c3d-000000000102";
    private const string Anita = "a1c3e5f7-3333-4a2b-8c3d-000000000103";
    private const string Vikram = "a1c3e5f7-4444-4a2b-8c3d-000000000104";

    private readonly List<string> _cards = [];
    private FakeConnector _connector = null!;
    private WebApplicationFactory<Program> _host = null!;

    public async Task InitializeAsync()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        _connector = await FakeConnector.StartAsync();
        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:ComplianceDb", fixture.AppConnectionString)
            .UseSetting("Bot:AllowAnonymous", "true")
            .UseSetting("Notifications:DispatchIntervalSeconds", "0")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new Auth.ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 6, 30, 0, TimeSpan.Zero)))));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<ComplianceInstance> InstanceAsync(string code, string period, Guid? entityId = null)
    {
        var entity = entityId ?? DemoWorld.Acme.IndiaEntityId;
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var master = await db.ComplianceMasters.Where(m => m.Code == code).Select(m => m.Id).SingleAsync();
        return await db.ComplianceInstances.AsNoTracking().SingleAsync(i => i.EntityId == entity && i.MasterId == master && i.PeriodKey == period);
    }

    /// <summary>A personal-chat activity from a person of Acme, as Teams sends it.</summary>
    private JsonObject Activity(string aad, string type) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "msteams",
        ["serviceUrl"] = _connector.BaseUrl,
        ["locale"] = "en-IN",
        ["from"] = new JsonObject { ["id"] = $"29:{aad}", ["aadObjectId"] = aad },
        ["recipient"] = new JsonObject { ["id"] = "28:bot" },
        ["conversation"] = new JsonObject { ["id"] = $"a:{aad}", ["conversationType"] = "personal", ["tenantId"] = DemoWorld.Acme.TeamsTenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = DemoWorld.Acme.TeamsTenantId } },
    };

    private Task<HttpResponseMessage> PostAsync(JsonObject activity) =>
        _host.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>An Action.Execute click as a person; returns the raw invoke response.</summary>
    private async Task<string> InvokeAsync(string aad, string verb, JsonObject data)
    {
        var activity = Activity(aad, "invoke");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        var response = await PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Opens an obligation's card by its id, as a Details button does; returns the raw invoke response.</summary>
    private Task<string> OpenByIdAsync(string aad, Guid instanceId) =>
        InvokeAsync(aad, "status", new JsonObject { ["instanceId"] = instanceId.ToString() });

    /// <summary>Clicks a button as a person; returns the card that replaces the old one (its text values joined).</summary>
    private async Task<string> ClickAsync(string aad, string verb, ComplianceInstance i, int version, Dictionary<string, string>? inputs = null)
    {
        var data = new JsonObject { ["instanceId"] = i.Id.ToString(), ["version"] = version.ToString() };
        foreach (var (key, value) in inputs ?? [])
        {
            data[key] = value;
        }

        using var body = JsonDocument.Parse(await InvokeAsync(aad, verb, data));
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.RootElement.GetProperty("type").GetString());
        var card = body.RootElement.GetProperty("value");
        _cards.Add(card.GetRawText());
        return string.Join(" | ", Strings(card));
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [Fact]
    public async Task PriyaStartsAndSubmits_RahulApproves_PriyaFiles_AndEveryStepIsAudited()
    {
        var i = await InstanceAsync("TDS_PAY", "2026-11");
        Assert.Equal((InstanceStatus.NotStarted, 1), (i.Status, i.Version));

        Assert.Contains("Submit for approval", await ClickAsync(Priya, "start", i, 1));
        var submitted = await ClickAsync(Priya, "submit", i, 2);
        Assert.Contains("AwaitingApproval", submitted);
        Assert.DoesNotContain("\"verb\":\"approve\"", _cards[^1]);

        var byOwner = await ClickAsync(Priya, "approve", i, 3);
        Assert.Contains("Only an approver or an admin", byOwner);

        var approved = await ClickAsync(Rahul, "approve", i, 3);
        Assert.Contains("Approved", approved);
        Assert.DoesNotContain("Not done", approved);

        var oldCard = await ClickAsync(Rahul, "approve", i, 3);
        Assert.Contains("out of date", oldCard);

        var noReference = await ClickAsync(Priya, "file", i, 4);
        Assert.Contains("filingReference", noReference);
        var filed = await ClickAsync(Priya, "file", i, 4, new() { ["filingReference"] = "0510308 07122026 12345" });
        Assert.Contains("Filed", filed);
        Assert.Contains("05103080712202612345", filed);

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var actions = await db.AuditEntries.Where(e => e.TargetId == i.Id.ToString()).OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Channel, e.ActorId }).ToListAsync();
        Assert.Equal(
            [AuditAction.InstanceStarted, AuditAction.SubmittedForApproval, AuditAction.Approved, AuditAction.Filed],
            actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Equal(Domain.Common.Channel.Teams, a.Channel));
        Assert.Equal(DemoWorld.Acme.RahulId, actions[2].ActorId);
        var chain = await fixture.Get<AuditChainVerifier>().VerifyAsync(db, DemoWorld.Acme.TenantId);
        Assert.True(chain.IsIntact, chain.FirstBreak?.Reason);
    }

    /// <summary>A person says hi in a personal chat, so the bot can reach them later.</summary>
    private async Task SaysHiAsync(string aad)
    {
        var activity = Activity(aad, "message");
        activity["text"] = "hi";
        await PostAsync(activity);
    }

    [Fact]
    public async Task AQueuedReminder_ArrivesAsTheObligationsCard_WithItsStage_AndOneForFiledWorkIsSkipped()
    {
        await SaysHiAsync(Priya);
        var dispatcher = _host.Services.GetRequiredService<ComplianceOs.BotHost.Notifications.NotificationDispatcher>();
        await dispatcher.DispatchOnceAsync();
        _connector.Requests.Clear();

        // As the reminder sweep would queue them: T-3 for open work of Priya's, "due" for work she has filed already.
        await using var owner = await fixture.OpenOwnerAsync();
        async Task<Guid> QueueAsync(string stage, string status)
        {
            await using var cmd = new Npgsql.NpgsqlCommand($"""
                INSERT INTO notifications (id, tenant_id, instance_id, stage, recipient_user_id, cycle, channel, status, attempts, created_at)
                SELECT gen_random_uuid(), i.tenant_id, i.id, $1, i.owner_user_id, 'due:test-' || gen_random_uuid(), 'Teams', 'Pending', 0, now()
                FROM compliance_instances i
                WHERE i.tenant_id = $2 AND i.owner_user_id = $3 AND i.status = '{status}'
                ORDER BY i.statutory_due_date DESC NULLS LAST, i.id
                LIMIT 1
                RETURNING instance_id
                """, owner);
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = stage });
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = DemoWorld.Acme.TenantId });
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = DemoWorld.Acme.PriyaId });
            return (Guid)(await cmd.ExecuteScalarAsync())!;
        }

        var open = await QueueAsync("T-3", "NotStarted");
        var filed = await QueueAsync("due", "Filed");
        await dispatcher.DispatchOnceAsync();

        var sent = Assert.Single(_connector.Messages);
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString($"a:{Priya}")}/activities", sent.RawPath);
        var text = string.Join(" | ", Strings(JsonDocument.Parse(sent.Body).RootElement.GetProperty("attachments")[0].GetProperty("content")));
        Assert.Contains("Reminder — ", text);
        Assert.Contains("Due in 3 days", text);

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.Equal(ComplianceOs.Domain.Notifications.NotificationStatus.Sent, (await db.Notifications.SingleAsync(n => n.InstanceId == open && n.Stage == "T-3" && n.Cycle.StartsWith("due:test-"))).Status);
        var skipped = await db.Notifications.SingleAsync(n => n.InstanceId == filed && n.Stage == "due" && n.Cycle.StartsWith("due:test-"));
        Assert.Equal((ComplianceOs.Domain.Notifications.NotificationStatus.Skipped, "Filed before delivery"), (skipped.Status, skipped.LastError));
    }

    [Fact]
    public async Task ApprovalRequest_ReachesTheApprover_AndTheDecisionUpdatesItInPlace_AndTellsTheSubmitter()
    {
        await SaysHiAsync(Priya);
        await SaysHiAsync(Rahul);
        var dispatcher = _host.Services.GetRequiredService<ComplianceOs.BotHost.Notifications.NotificationDispatcher>();

        // Other tests of this class share the demo world: deliver what they left first.
        await dispatcher.DispatchOnceAsync();
        _connector.Requests.Clear();
        var i = await InstanceAsync("GSTR1", "2026-11");
        await ClickAsync(Priya, "start", i, 1);
        await ClickAsync(Priya, "submit", i, 2);

        await dispatcher.DispatchOnceAsync();
        var request = Assert.Single(_connector.Messages);
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString($"a:{Rahul}")}/activities", request.RawPath);
        Assert.Contains("Approval requested", request.Body);
        Assert.Contains("Submitted by Priya Sharma", request.Body);
        Assert.Contains("\"verb\":\"approve\"", request.Body);
        _connector.Requests.Clear();

        await ClickAsync(Rahul, "approve", i, 3);
        await dispatcher.DispatchOnceAsync();

        var writes = _connector.Messages.ToList();
        var update = Assert.Single(writes, w => w.Method == "PUT");
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString($"a:{Rahul}")}/activities/activity-1", update.RawPath);
        Assert.Contains("Approved by Rahul Mehta", update.Body);
        Assert.DoesNotContain("\"verb\":\"approve\"", update.Body);
        var toPriya = Assert.Single(writes, w => w.Method == "POST");
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString($"a:{Priya}")}/activities", toPriya.RawPath);
        Assert.Contains("Approved by Rahul Mehta", toPriya.Body);

        // Each notification once: another round sends nothing.
        _connector.Requests.Clear();
        await dispatcher.DispatchOnceAsync();
        Assert.Empty(_connector.Messages);
        _cards.Add(System.Text.Json.JsonDocument.Parse(update.Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText());
    }

    /// <summary>Types a message as a person; returns the text of the card the bot answers with.</summary>
    private async Task<string> TypeAsync(string aad, string text)
    {
        _connector.Requests.Clear();
        var activity = Activity(aad, "message");
        activity["text"] = text;
        await PostAsync(activity);
        using var reply = JsonDocument.Parse(Assert.Single(_connector.Messages).Body);
        var card = reply.RootElement.GetProperty("attachments")[0].GetProperty("content");
        _cards.Add(card.GetRawText());
        return string.Join(" | ", Strings(card));
    }

    [Fact]
    public async Task TypedCommands_RunTheWorkflow()
    {
        // A month name alone means the latest one so far (December 2025 on 22 November 2026), so the year is typed.
        var started = await TypeAsync(Priya, "start epf december 2026");
        Assert.True(started.Contains("Done: started", StringComparison.Ordinal), started);
        Assert.Contains("Done: submitted for approval", await TypeAsync(Priya, "pf dec 26 submit karo pls"));
        Assert.Contains("a reason is required to reject", await TypeAsync(Rahul, "reject pf december 2026"));
        var approved = await TypeAsync(Rahul, "aprove epf dec 2026");
        Assert.Contains("Done: approved", approved);
        var filed = await TypeAsync(Priya, "file pf december 2026 with trrn 2012345678901");
        Assert.Contains("Done: filing recorded", filed);
        Assert.Contains("2012345678901", filed);
        Assert.Equal(InstanceStatus.Filed, (await InstanceAsync("EPF_ECR", "2026-12")).Status);
    }

    /// <summary>The flow of the issue, on Acme India's GSTR-3B: the approval card carries the checklist and the evidence hashes.</summary>
    [Fact]
    public async Task Gstr3b_SubmittedByPriya_ApprovedByRahulFromTheCard_FiledWithArn_AuditChainHoldsEveryStep()
    {
        await SaysHiAsync(Priya);
        await SaysHiAsync(Rahul);
        var dispatcher = _host.Services.GetRequiredService<ComplianceOs.BotHost.Notifications.NotificationDispatcher>();
        await dispatcher.DispatchOnceAsync();

        // GSTR-3B waits on the GSTR-1 of its period: that one goes through first, typed.
        await TypeAsync(Priya, "start gstr1 december 2026");
        await TypeAsync(Priya, "submit gstr1 december 2026");
        await TypeAsync(Rahul, "approve gstr1 december 2026");
        Assert.Contains("Done: filing recorded", await TypeAsync(Priya, "file gstr1 december 2026 with arn AA2712260000001"));
        var i = await InstanceAsync("GSTR3B", "2026-12");
        Assert.False(i.IsBlocked, i.BlockedReason);
        var challan = await AddEvidenceAsync(i, "challan", "PMT-challan-dec-2026.pdf");

        await ClickAsync(Priya, "start", i, i.Version);
        _connector.Requests.Clear();
        Assert.Contains("AwaitingApproval", await ClickAsync(Priya, "submit", i, i.Version + 1));
        await dispatcher.DispatchOnceAsync();

        var request = Assert.Single(_connector.Messages, m => m.RawPath.Contains(Uri.EscapeDataString($"a:{Rahul}"), StringComparison.Ordinal));
        var requestCard = JsonDocument.Parse(request.Body).RootElement.GetProperty("attachments")[0].GetProperty("content");
        _cards.Add(requestCard.GetRawText());
        var text = string.Join(" | ", Strings(requestCard));
        Assert.Contains("Approval requested", text);
        Assert.Contains("Submitted by Priya Sharma", text);
        Assert.Contains("Acme India Pvt Ltd", text);
        Assert.Contains("2027-01-20", text); // the statutory due date of December's GSTR-3B
        Assert.Contains("Checklist before approving", text);
        Assert.Contains("Input tax credit reconciled with GSTR-2B", text);
        Assert.Contains($"SHA-256 {challan}", text);
        Assert.Contains("ARN acknowledgement: missing", text);

        var approved = await ClickAsync(Rahul, "approve", i, i.Version + 2);
        Assert.Contains("Approved", approved);
        Assert.DoesNotContain("Checklist before approving", approved);
        Assert.Contains("out of date", await ClickAsync(Rahul, "approve", i, i.Version + 2));

        var filed = await ClickAsync(Priya, "file", i, i.Version + 3, new() { ["filingReference"] = "AA271226123456Z" });
        Assert.Contains("Filed", filed);
        Assert.Equal(InstanceStatus.Filed, (await InstanceAsync("GSTR3B", "2026-12")).Status);

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var actions = await db.AuditEntries.Where(a => a.TargetId == i.Id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
            Assert.Equal([AuditAction.InstanceStarted, AuditAction.SubmittedForApproval, AuditAction.Approved, AuditAction.Filed], actions);
            var chain = await fixture.Get<AuditChainVerifier>().VerifyAsync(db, DemoWorld.Acme.TenantId);
            Assert.True(chain.IsIntact, chain.FirstBreak?.Reason);
        }

        await AssertCardsParseAsync();
    }

    /// <summary>Stores proof metadata as the evidence vault would (the upload itself is the vault's issue); returns its SHA-256.</summary>
    private async Task<string> AddEvidenceAsync(ComplianceInstance i, string kind, string fileName)
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(fileName)));
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Evidence.Add(new ComplianceOs.Domain.EvidenceVault.Evidence
        {
            Id = Guid.CreateVersion7(),
            TenantId = DemoWorld.Acme.TenantId,
            InstanceId = i.Id,
            EvidenceKind = kind,
            FileName = fileName,
            ContentType = "application/pdf",
            SizeBytes = 1234,
            Sha256 = sha,
            StorageKey = $"test/{sha}",
            UploadedByUserId = DemoWorld.Acme.PriyaId,
            UploadedAt = SystemClock.Instance.GetCurrentInstant(),
        });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return sha;
    }

    [Fact]
    public async Task TypedCommand_OnAnEntityTheOwnerCannotSee_ShowsNothingOfIt()
    {
        var reply = await TypeAsync(Priya, "start pt for the LLP october");

        Assert.DoesNotContain("Acme Services LLP", reply);
        Assert.DoesNotContain("Done", reply);
    }

    [Fact]
    public async Task Vikram_NeverSeesAcmeIndiasPayrollItems()
    {
        foreach (var ask in new[] { "my tasks", "overdue", "what's due this week", "status epf october 2026", "pf oct 2026 acme india", "status esi for Acme India", "history pf sep 2026", "pt october 2026" })
        {
            var reply = await TypeAsync(Vikram, ask);
            Assert.DoesNotContain("Acme India Pvt Ltd", reply);
        }

        foreach (var code in new[] { "EPF_ECR", "ESI", "PT_MH_PTRC", "TDS_24Q" })
        {
            var payroll = await InstanceAsync(code, code == "TDS_24Q" ? "FY2026-27-Q2" : "2026-10");
            var opened = await OpenByIdAsync(Vikram, payroll.Id);
            Assert.Contains("not available to you", opened);
            Assert.DoesNotContain("Acme India Pvt Ltd", opened);
        }
    }

    [Fact]
    public async Task Priya_CannotOpenTheLlpsInstances_OrTheDashboard()
    {
        var llpFiling = await InstanceAsync("LLP_FORM11", "FY2025-26", DemoWorld.Acme.LlpEntityId);
        var opened = await OpenByIdAsync(Priya, llpFiling.Id);
        Assert.Contains("not available to you", opened);
        Assert.DoesNotContain("Acme Services LLP", opened);

        foreach (var ask in new[] { "status llp form 11", "status form 11 FY 2025-26", "history form 8 llp", "my tasks", "pf october 2026 for the LLP" })
        {
            Assert.DoesNotContain("Acme Services LLP", await TypeAsync(Priya, ask));
        }

        var dashboard = await TypeAsync(Priya, "show me the dashboard");
        Assert.Contains("for approvers and admins", dashboard);
        Assert.DoesNotContain("Acme Services LLP", dashboard);
    }

    [Fact]
    public async Task StatusOfAnOverdueObligation_ShowsDaysLate_AndTheLateFeeSoFar()
    {
        // The demo leaves October's GSTR-1 open: due 11 November, so 11 days late on 22 November.
        var reply = await TypeAsync(Priya, "status gstr1 october 2026");

        Assert.Contains("Days late | 11", reply);
        Assert.Contains("Rs 550 (Rs 50 × 11 days)", reply);
        Assert.Contains("Notification 20/2021-CT", reply);
        await AssertCardsParseAsync();
    }

    [Fact]
    public async Task Dashboard_ShowsThePenaltyExposure()
    {
        var reply = await TypeAsync(Rahul, "dashboard");

        Assert.Contains("Late fees so far", reply);
        Assert.Contains("late fee so far Rs 550", reply);
        Assert.Contains("Plus interest on", reply);
    }

    [Fact]
    public async Task Dashboard_IsForApproversAndAdmins()
    {
        var forRahul = await TypeAsync(Rahul, "dashbaord");
        Assert.Contains("Open obligations by RAG", forRahul);
        Assert.Contains("Acme India Pvt Ltd", forRahul);
        Assert.Contains("Acme Services LLP", forRahul);
        Assert.Contains("days late", forRahul);

        var forPriya = await TypeAsync(Priya, "dashboard");
        Assert.Contains("for approvers and admins", forPriya);
        Assert.DoesNotContain("Acme Services LLP", forPriya);
        await AssertCardsParseAsync();
    }

    [Fact]
    public async Task History_ReadsTheAuditTrailOfOneObligation()
    {
        var reply = await TypeAsync(Priya, "history epf sep 2026");

        Assert.Contains("History — Acme India Pvt Ltd", reply);
        Assert.Contains("Priya Sharma (teams): started work", reply);
        Assert.Contains("Rahul Mehta (teams): approved", reply);
        Assert.Contains("recorded the filing", reply);
        await AssertCardsParseAsync();
    }

    private async Task AssertCardsParseAsync()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-cards-");
        try
        {
            var files = _cards.Select((c, n) =>
            {
                var path = Path.Combine(directory.FullName, $"card-{n}.json");
                File.WriteAllText(path, c);
                return path;
            }).ToList();
            var outcome = await Cards.AdaptiveCardParser.ValidateAsync(files);
            Assert.True(outcome.ExitCode == 0, outcome.ToString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AnAdminCannotApproveTheirOwnSubmission()
    {
        var i = await InstanceAsync("EPF_ECR", "2026-11");
        await ClickAsync(Anita, "start", i, 1);
        await ClickAsync(Anita, "submit", i, 2);

        var own = await ClickAsync(Anita, "approve", i, 3);

        Assert.Contains("maker-checker", own);
        Assert.Equal(InstanceStatus.AwaitingApproval, (await InstanceAsync("EPF_ECR", "2026-11")).Status);
    }

    [Fact]
    public async Task RejectWithoutAComment_IsRefused_WithAComment_ReturnsTheWork()
    {
        var i = await InstanceAsync("ESI", "2026-11");
        await ClickAsync(Priya, "start", i, 1);
        await ClickAsync(Priya, "submit", i, 2);

        Assert.Contains("a reason is required to reject", await ClickAsync(Rahul, "reject", i, 3));
        var rejected = await ClickAsync(Rahul, "reject", i, 3, new() { ["comment"] = "ESI challan amount does not match the register" });

        // Back with the owner: the approver's card shows the state, and no buttons that are not his to press.
        Assert.Contains("InProgress", rejected);
        Assert.DoesNotContain("\"verb\":\"submit\"", _cards[^1]);
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var approval = await db.Approvals.SingleAsync(a => a.InstanceId == i.Id);
        Assert.Equal(("ESI challan amount does not match the register", DemoWorld.Acme.RahulId), (approval.Comment, approval.DecidedByUserId!.Value));
    }

    [Fact]
    public async Task EveryCardInTheseFlows_PassesTheOfficialParser()
    {
        var i = await InstanceAsync("PT_MH_PTRC", "2026-11");
        await ClickAsync(Priya, "start", i, 1);
        await ClickAsync(Priya, "submit", i, 2);
        await ClickAsync(Rahul, "approve", i, 2);
        await ClickAsync(Rahul, "reject", i, 3);
        await ClickAsync(Rahul, "approve", i, 3);
        await ClickAsync(Priya, "file", i, 4, new() { ["filingReference"] = "GRN1234567890" });

        var directory = Directory.CreateTempSubdirectory("workflow-cards-");
        try
        {
            var files = _cards.Select((c, n) =>
            {
                var path = Path.Combine(directory.FullName, $"card-{n}.json");
                File.WriteAllText(path, c);
                return path;
            }).ToList();
            var outcome = await Cards.AdaptiveCardParser.ValidateAsync(files);
            Assert.True(outcome.ExitCode == 0, outcome.ToString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
