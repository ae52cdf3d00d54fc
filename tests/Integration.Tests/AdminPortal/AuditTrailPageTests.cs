using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ComplianceOs.AdminPortal.Audit;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Notifications.Reminders;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>
/// The audit trail page on the demo world (its seed writes a few hundred entries per tenant): filters narrow the rows
/// as the stored entries say they should, the diff shows both snapshots, the chain check reports intact and broken
/// chains, the CSV is the filtered set with formulas neutralised, and Bharat's admin sees nothing of Acme's.
/// </summary>
public sealed partial class AuditTrailPageTests(DatabaseFixture fixture, ChromiumFixture chromium)
    : IClassFixture<DatabaseFixture>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private static readonly Guid Acme = DemoWorld.Acme.TenantId;
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task FilteringByAction_ShowsOnlyThatAction()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);

        var rows = Rows(await anita.GetPageAsync("/Tenant/Audit?action=Filed"));

        var expected = (await EntriesAsync(Acme)).Where(e => e.Action == AuditAction.Filed).OrderByDescending(e => e.Sequence).Take(AuditTrailSearch.PageSize).ToList();
        Assert.NotEmpty(expected);
        Assert.All(rows, r => Assert.Equal("Filed", r.Action));
        Assert.Equal(expected.Select(e => e.Sequence), rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task FilteringByUser_ShowsOnlyWhatThatPersonDid()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);

        var rows = Rows(await anita.GetPageAsync($"/Tenant/Audit?user={DemoWorld.Acme.RahulId}"));

        var expected = (await EntriesAsync(Acme)).Where(e => e.ActorId == DemoWorld.Acme.RahulId).OrderByDescending(e => e.Sequence).Take(AuditTrailSearch.PageSize).ToList();
        Assert.NotEmpty(expected);
        Assert.All(rows, r => Assert.Equal(DemoWorld.Acme.RahulId.ToString(), r.Actor));
        Assert.Equal(expected.Select(e => e.Sequence), rows.Select(r => r.Sequence));
        Assert.Contains(rows, r => r.Action == "Approved"); // Rahul approves Acme's returns
    }

    [Fact]
    public async Task FilteringByDateRange_ShowsOnlyEntriesOfThoseDays_InTheTenantsTimeZone()
    {
        // Years before the seed's entries (which carry today's date). 23:30 on the 15th in Kolkata is 18:00 UTC;
        // 00:30 on the 16th in Kolkata is still the 15th in UTC.
        var onThe15th = await AppendAtAsync(Acme, new DateTimeOffset(2001, 1, 15, 18, 0, 0, TimeSpan.Zero), "dated-15th");
        var onThe16th = await AppendAtAsync(Acme, new DateTimeOffset(2001, 1, 15, 19, 0, 0, TimeSpan.Zero), "dated-16th");
        using var anita = await PortalWorld.AnitaAsync(_host);

        var the15th = Rows(await anita.GetPageAsync("/Tenant/Audit?from=2001-01-15&to=2001-01-15"));
        var both = Rows(await anita.GetPageAsync("/Tenant/Audit?from=2001-01-14&to=2001-01-16"));
        var from16th = Rows(await anita.GetPageAsync("/Tenant/Audit?from=2001-01-16&to=2001-01-31"));

        Assert.Equal([onThe15th.Sequence], the15th.Select(r => r.Sequence));
        Assert.Equal([onThe16th.Sequence, onThe15th.Sequence], both.Select(r => r.Sequence));
        Assert.Equal([onThe16th.Sequence], from16th.Select(r => r.Sequence));
    }

    [Fact]
    public async Task FilteringByEntity_ShowsTheEntity_ItsObligations_AndEntriesThatNameIt()
    {
        var llp = DemoWorld.Acme.LlpEntityId;
        var all = await EntriesAsync(Acme);
        var llpInstances = await InstancesOfAsync(llp);
        bool AboutLlp(AuditEntry e) =>
            (e.TargetType == "LegalEntity" && e.TargetId == llp.ToString())
            || (e.TargetType == "ComplianceInstance" && llpInstances.Contains(e.TargetId))
            || (e.Before + e.After).Contains(llp.ToString(), StringComparison.Ordinal);
        var expected = all.Where(AboutLlp).OrderByDescending(e => e.Sequence).Take(AuditTrailSearch.PageSize).Select(e => e.Sequence).ToList();
        using var anita = await PortalWorld.AnitaAsync(_host);

        var rows = Rows(await anita.GetPageAsync($"/Tenant/Audit?entity={llp}"));
        var created = Rows(await anita.GetPageAsync($"/Tenant/Audit?entity={llp}&action=LegalEntityCreated"));

        Assert.Equal(expected, rows.Select(r => r.Sequence));
        Assert.Contains(rows, r => r.Target.StartsWith("ComplianceInstance:", StringComparison.Ordinal));
        Assert.Equal([$"LegalEntity:{llp}"], created.Select(r => r.Target));
        Assert.True(all.Count(AboutLlp) < all.Count, "the filter must leave out the other entity's entries");
    }

    [Fact]
    public async Task FilteringByInstance_ShowsItsWorkflow()
    {
        var instance = await FiledInstanceAsync();
        using var anita = await PortalWorld.AnitaAsync(_host);

        var rows = Rows(await anita.GetPageAsync($"/Tenant/Audit?instance={instance}"));

        Assert.Equal(["Filed", "Approved", "SubmittedForApproval", "InstanceStarted"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal($"ComplianceInstance:{instance}", r.Target));
    }

    [Fact]
    public async Task Pages_AreAHundredEntriesNewestFirst_AndTheOlderLinkContinuesWithoutGapOrOverlap()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var first = await anita.GetPageAsync("/Tenant/Audit");
        var page1 = Rows(first);
        var older = WebUtility.HtmlDecode(OlderLink().Match(first).Groups[1].Value);

        var page2 = Rows(await anita.GetPageAsync(older));

        Assert.Equal(AuditTrailSearch.PageSize, page1.Count);
        Assert.Equal(page1.Select(r => r.Sequence).OrderDescending(), page1.Select(r => r.Sequence));
        Assert.Equal(page1[^1].Sequence - 1, page2[0].Sequence);
        Assert.Equal(Enumerable.Range(0, page2.Count).Select(i => page2[0].Sequence - i), page2.Select(r => r.Sequence));
    }

    [Fact]
    public async Task TheDiff_ShowsTheBeforeAndAfterValues()
    {
        var instance = await FiledInstanceAsync();
        var filed = (await EntriesAsync(Acme)).Single(e => e.TargetId == instance.ToString() && e.Action == AuditAction.Filed);
        using var anita = await PortalWorld.AnitaAsync(_host);

        var page = await anita.GetPageAsync($"/Tenant/Audit/Entry/{filed.Id}");

        Assert.Equal(("Approved", "Filed", true), DiffRow(page, "status"));
        var reference = DiffRow(page, "filingReference");
        Assert.Equal("null", reference.Before);
        Assert.Matches("^[A-Z0-9]{8,}$", reference.After);
        Assert.Equal((instance.ToString(), instance.ToString(), false), DiffRow(page, "id"));
        Assert.Contains(filed.Hash, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OnAnIntactChain_ReportsOk_AndIsItselfAudited()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var count = (await EntriesAsync(Acme)).Count;

        using var post = await anita.PostFormAsync("/Tenant/Audit?handler=Verify&action=Filed", [], formPage: "/Tenant/Audit?action=Filed");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var location = post.Headers.Location!.OriginalString;
        Assert.Contains("action=Filed", location, StringComparison.Ordinal);
        var shown = WebUtility.HtmlDecode(await anita.GetPageAsync(location));

        Assert.Contains("OK: the chain is intact.", shown, StringComparison.Ordinal);
        Assert.Contains($"{count} entries checked", shown, StringComparison.Ordinal);
        var recorded = (await EntriesAsync(Acme)).OrderBy(e => e.Sequence).Last();
        Assert.Equal((AuditAction.AuditChainVerified, DemoWorld.Acme.AnitaId, Channel.Portal), (recorded.Action, recorded.ActorId, recorded.Channel));
        Assert.Contains($"\"entriesChecked\": {count}", recorded.After, StringComparison.Ordinal);
        Assert.Contains(recorded.Id.ToString(), location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OnAChainAlteredByTheDatabaseOwner_ReportsTheBrokenEntry()
    {
        // Bharat's chain, so no other test's "intact" can see it broken; put back as it was at the end.
        var tenant = DemoWorld.Bharat.TenantId;
        var victim = (await EntriesAsync(tenant)).Single(e => e.Sequence == 4);
        using var suresh = await PortalWorld.SureshAsync(_host);
        string shown;
        try
        {
            await AlterAsOwnerAsync(tenant, 4, "actor_name", "Someone Else");
            using var post = await suresh.PostFormAsync("/Tenant/Audit?handler=Verify", [], formPage: "/Tenant/Audit");
            shown = WebUtility.HtmlDecode(await suresh.GetPageAsync(post.Headers.Location!.OriginalString));
        }
        finally
        {
            await AlterAsOwnerAsync(tenant, 4, "actor_name", victim.ActorName);
        }

        Assert.Contains("Broken at entry 4.", shown, StringComparison.Ordinal);
        Assert.Contains("the entry was altered", shown, StringComparison.Ordinal);
        Assert.Contains("3 entries before it checked out", shown, StringComparison.Ordinal);
        Assert.Contains($"/Tenant/Audit/Entry/{victim.Id}", shown, StringComparison.Ordinal);

        using var again = await suresh.PostFormAsync("/Tenant/Audit?handler=Verify", [], formPage: "/Tenant/Audit");
        Assert.Contains("OK: the chain is intact.", await suresh.GetPageAsync(again.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithoutTheAntiforgeryToken_IsRefused_AndRecordsNothing()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var before = (await EntriesAsync(Acme)).Count;

        using var post = await anita.PostFormAsync("/Tenant/Audit?handler=Verify", [], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(before, (await EntriesAsync(Acme)).Count);
    }

    [Fact]
    public async Task TheCsv_HasAHeaderAndTheFilteredRows_AndNeutralisesFormulas()
    {
        const string formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        var mallory = await fixture.Get<CreateUserHandler>().HandleAsync(
            new CommandContext(Acme, Actor.System("tests"), Channel.Cli), new CreateUserCommand(formula, "formula@acme.example", ["Admin"]));
        var changed = await fixture.Get<SetReminderSettingsHandler>().HandleAsync(
            new CommandContext(Acme, Actor.User(mallory.Value!.Id, mallory.Value.Name), Channel.Teams, "@SUM(1+1)"),
            new SetReminderSettingsCommand([new StageInput("due", 0, ["Owner"])], "21:00", "07:00", true));
        Assert.True(changed.Succeeded, changed.ToString());
        using var anita = await PortalWorld.AnitaAsync(_host);

        using var response = await anita.GetAsync($"/Tenant/Audit?handler=Csv&user={mallory.Value.Id}");
        var csv = Csv(await response.Content.ReadAsStringAsync());
        using var filed = await anita.GetAsync("/Tenant/Audit?handler=Csv&action=Filed");
        var filedCsv = Csv(await filed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        Assert.Equal(AuditCsv.Header, csv[0]);
        var row = Assert.Single(csv.Skip(1));
        var entry = (await EntriesAsync(Acme)).Single(e => e.ActorId == mallory.Value.Id);
        Assert.Equal("ReminderSettingsChanged", row[Column("Action")]);
        Assert.Equal("'" + formula, row[Column("Actor")]);
        Assert.Equal("'@SUM(1+1)", row[Column("Correlation id")]);
        Assert.Equal(entry.Hash, row[Column("Hash")]);
        Assert.Equal(entry.After, row[Column("After")]);

        var expectedFiled = (await EntriesAsync(Acme)).Where(e => e.Action == AuditAction.Filed).OrderBy(e => e.Sequence).Select(e => e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(expectedFiled.Count > 0);
        Assert.Equal(expectedFiled, filedCsv.Skip(1).Select(r => r[0]));
    }

    [Theory]
    [InlineData("user=not-a-guid", "is not the id of a person")]
    [InlineData("entity=12345", "is not the id of a legal entity")]
    [InlineData("action=Deleted", "is not an action of the audit trail")]
    [InlineData("action=3", "is not an action of the audit trail")]
    [InlineData("from=2026-02-30", "is not a date (YYYY-MM-DD)")]
    [InlineData("from=2026-03-01&to=2026-02-01", "The range ends (2026-02-01) before it starts (2026-03-01).")]
    [InlineData("before=-5", "is not an entry number")]
    public async Task BadFilters_AreAnsweredWithTheReason_AndA400_ForThePageAndTheCsv(string query, string reason)
    {
        using var anita = await PortalWorld.AnitaAsync(_host);

        using var page = await anita.GetAsync($"/Tenant/Audit?{query}");
        using var csv = await anita.GetAsync($"/Tenant/Audit?handler=Csv&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var body = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(reason, body, StringComparison.Ordinal);
        Assert.Empty(Rows(body));
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Contains(reason, await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOtherTenantsAdmin_SeesNoneOfAcmesEntries_EvenWithAcmesIds()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        using var verified = await anita.PostFormAsync("/Tenant/Audit?handler=Verify", [], formPage: "/Tenant/Audit");
        var acmeEntry = (await EntriesAsync(Acme)).First(e => e.Action == AuditAction.LegalEntityCreated);
        var instance = await FiledInstanceAsync();
        using var suresh = await PortalWorld.SureshAsync(_host);
        var bharat = (await EntriesAsync(DemoWorld.Bharat.TenantId)).Select(e => new Row(e.Sequence, e.Action.ToString(), e.ActorId?.ToString() ?? string.Empty, $"{e.TargetType}:{e.TargetId}")).ToHashSet();

        var own = await suresh.GetPageAsync("/Tenant/Audit");
        Assert.NotEmpty(Rows(own));
        Assert.All(Rows(own), r => Assert.Contains(r, bharat));
        foreach (var acme in new[] { "Anita Desai", "Priya Sharma", "Rahul Mehta", "Acme" })
        {
            Assert.DoesNotContain(acme, own, StringComparison.Ordinal);
        }

        foreach (var query in new[] { $"entity={DemoWorld.Acme.IndiaEntityId}", $"user={DemoWorld.Acme.AnitaId}", $"instance={instance}" })
        {
            var filtered = await suresh.GetPageAsync($"/Tenant/Audit?{query}");
            Assert.Empty(Rows(filtered));
            Assert.Contains("No entries match these filters.", filtered, StringComparison.Ordinal);
            Assert.DoesNotContain("Acme", filtered, StringComparison.Ordinal);

            using var csv = await suresh.GetAsync($"/Tenant/Audit?handler=Csv&{query}");
            Assert.Equal([AuditCsv.Header], Csv(await csv.Content.ReadAsStringAsync()));
        }

        using var diff = await suresh.GetAsync($"/Tenant/Audit/Entry/{acmeEntry.Id}");
        Assert.Equal(HttpStatusCode.NotFound, diff.StatusCode);
        Assert.DoesNotContain("Acme", await diff.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var verification = await suresh.GetAsync(verified.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, verification.StatusCode);
    }

    [Fact]
    public async Task InABrowser_AnitaFilters_Verifies_AndExportsTheCsv()
    {
        await AddFailedDeliveryAsync();
        var page = await chromium.NewPageAsync(_host.BaseUrl);
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && m.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                problems.Add(m.Text);
            }
        };
        await PortalWorld.SignInAsync(page, PortalWorld.AnitaEmail, PortalWorld.AnitaPassword);
        await page.WaitForURLAsync(new Regex("/Tenant/"));

        await page.GotoAsync("/Tenant/Audit");
        await page.SelectOptionAsync("#f-action", "Filed");
        await page.SelectOptionAsync("#f-user", DemoWorld.Acme.PriyaId.ToString());
        await page.ClickAsync("#apply-filters");
        await page.WaitForURLAsync(new Regex("action=Filed"));
        var actions = await page.Locator("#audit-entries tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.action)");
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Equal("Filed", a));

        await page.ClickAsync("#verify-chain");
        await page.WaitForSelectorAsync("#verification");
        Assert.Contains("OK: the chain is intact.", await page.InnerTextAsync("#verification"), StringComparison.Ordinal);
        Assert.Contains("user=" + DemoWorld.Acme.PriyaId, page.Url, StringComparison.Ordinal);
        await ChromiumFixture.ScreenshotAsync(page, "audit-trail");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        var path = await download.PathAsync();
        var csv = Csv(await File.ReadAllTextAsync(path!, Encoding.UTF8));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal(AuditCsv.Header, csv[0]);
        Assert.Equal(
            (await EntriesAsync(Acme)).Count(e => e.Action == AuditAction.Filed && e.ActorId == DemoWorld.Acme.PriyaId),
            csv.Count - 1);
        Assert.All(csv.Skip(1), r => Assert.Equal(("Filed", "Priya Sharma"), (r[Column("Action")], r[Column("Actor")])));

        await page.ClickAsync("#audit-entries tbody tr:first-child a.diff-link");
        await page.WaitForSelectorAsync("#diff");
        Assert.Equal(["Approved", "Filed"], [await page.InnerTextAsync("#diff tr[data-field=status] td.before"), await page.InnerTextAsync("#diff tr[data-field=status] td.after")]);
        await ChromiumFixture.ScreenshotAsync(page, "audit-entry");

        await page.GotoAsync("/Tenant/Deliveries");
        Assert.Contains("Priya Sharma", await page.InnerTextAsync("#not-delivered"), StringComparison.Ordinal);
        await ChromiumFixture.ScreenshotAsync(page, "deliveries");
        await page.GotoAsync("/Tenant/Escalation");
        await page.WaitForSelectorAsync("#escalation-form");
        await ChromiumFixture.ScreenshotAsync(page, "escalation");

        Assert.Empty(problems); // an inline style, script or handler would be refused by the CSP and reported here
        await page.Context.CloseAsync();
    }

    private static int Column(string name) => AuditCsv.Header.ToList().IndexOf(name);

    private async Task<List<AuditEntry>> EntriesAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.AsNoTracking().ToListAsync();
    }

    private async Task<HashSet<string>> InstancesOfAsync(Guid entity)
    {
        await using var db = fixture.Dbs.ForTenant(Acme);
        await using var tx = await db.Database.BeginTransactionAsync();
        return (await db.ComplianceInstances.Where(i => i.EntityId == entity).Select(i => i.Id).ToListAsync()).Select(i => i.ToString()).ToHashSet();
    }

    /// <summary>An obligation of Acme's the demo seed took through the whole workflow.</summary>
    private async Task<Guid> FiledInstanceAsync()
    {
        await using var db = fixture.Dbs.ForTenant(Acme);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.ComplianceInstances.Where(i => i.Status == InstanceStatus.Filed).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
    }

    /// <summary>An entry appended as if at <paramref name="at"/> (a clock of the test's), through the real chain append.</summary>
    private async Task<AuditEntry> AppendAtAsync(Guid tenant, DateTimeOffset at, string marker)
    {
        var log = new AuditLog(new TestClock(at));
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        var entry = await log.AppendAsync(db, new CommandContext(tenant, Actor.System("tests"), Channel.Cli, marker),
            new AuditRecord(AuditAction.TenantUpdated, "Tenant", tenant.ToString(), null, new { marker }));
        await tx.CommitAsync();
        return entry;
    }

    /// <summary>Changes one stored column of one entry as the schema owner would (the append-only trigger switched off).</summary>
    private async Task AlterAsOwnerAsync(Guid tenant, long sequence, string column, string value)
    {
        await using var c = await fixture.OpenOwnerAsync();
        await using var tx = await c.BeginTransactionAsync();
        await using (var off = new NpgsqlCommand("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete", c, tx))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using (var change = new NpgsqlCommand($"UPDATE audit_entries SET {column} = @v WHERE tenant_id = @t AND sequence = @s", c, tx))
        {
            change.Parameters.AddWithValue("v", value);
            change.Parameters.AddWithValue("t", tenant);
            change.Parameters.AddWithValue("s", sequence);
            Assert.Equal(1, await change.ExecuteNonQueryAsync());
        }

        await using (var on = new NpgsqlCommand("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete", c, tx))
        {
            await on.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    private async Task AddFailedDeliveryAsync()
    {
        await using var db = fixture.Dbs.ForTenant(Acme);
        await using var tx = await db.Database.BeginTransactionAsync();
        var instance = await db.ComplianceInstances.Where(i => i.Status != InstanceStatus.Filed).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        db.Notifications.Add(new Domain.Notifications.Notification
        {
            Id = Guid.CreateVersion7(),
            TenantId = Acme,
            InstanceId = instance,
            Stage = "due",
            RecipientUserId = DemoWorld.Acme.PriyaId,
            Cycle = "due:browser-test",
            Channel = Channel.Email,
            FailedChannels = ["Teams", "Slack", "Email"],
            Status = Domain.Notifications.NotificationStatus.Failed,
            Attempts = 3,
            LastError = "no channel reaches the recipient (Teams, Slack, Email)",
            CreatedAt = NodaTime.SystemClock.Instance.GetCurrentInstant(),
        });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    private sealed record Row(long Sequence, string Action, string Actor, string Target);

    private static List<Row> Rows(string html) =>
        EntryRow().Matches(html).Select(m => new Row(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value, WebUtility.HtmlDecode(m.Groups[4].Value))).ToList();

    private static (string Before, string After, bool Changed) DiffRow(string html, string field)
    {
        var m = new Regex($"<tr data-field=\"{Regex.Escape(field)}\" class=\"(changed|unchanged)\">\\s*<td[^>]*>[^<]*</td>\\s*<td class=\"before\">(.*?)</td>\\s*<td class=\"after\">(.*?)</td>", RegexOptions.Singleline).Match(html);
        Assert.True(m.Success, $"no diff row for {field}");
        return (WebUtility.HtmlDecode(m.Groups[2].Value.Trim()), WebUtility.HtmlDecode(m.Groups[3].Value.Trim()), m.Groups[1].Value == "changed");
    }

    /// <summary>RFC 4180 parsing (quoted fields, doubled quotes, CRLF), independent of the writer under test.</summary>
    private static List<List<string>> Csv(string text)
    {
        text = text.TrimStart('\uFEFF');
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        Assert.True(cell.Length == 0 && row.Count == 0, "the CSV must end with CRLF");
        return rows;
    }

    [GeneratedRegex("<tr data-seq=\"(\\d+)\" data-action=\"(\\w+)\" data-actor=\"([^\"]*)\" data-target=\"([^\"]*)\">")]
    private static partial Regex EntryRow();

    [GeneratedRegex("<a href=\"([^\"]+)\" id=\"older-page\">")]
    private static partial Regex OlderLink();
}
