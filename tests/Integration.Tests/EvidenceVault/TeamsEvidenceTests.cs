using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.EvidenceVault;
using ComplianceOs.Domain.EvidenceVault.Storage;
using ComplianceOs.Domain.Instances;
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

namespace ComplianceOs.Integration.Tests.EvidenceVault;

/// <summary>
/// Files dropped into Teams personal chat become evidence on the demo world, end to end: /api/messages with the
/// file's download-info attachment, the bytes from a local stand-in for OneDrive, the vault (a local folder here;
/// Azure through Azurite in the store's contract tests), the receipt card, the signed download link.
/// </summary>
public sealed partial class TeamsEvidenceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Priya = "a1c3e5f7-1111-4a2b-8c3d-000000000101";
    private const string Rahul = "a1c3e5f7-2222-4a2b-8c3d-000000000102";

    private readonly List<string> _cards = [];
    private readonly string _vault = Path.Combine(Path.GetTempPath(), $"vault-{Guid.NewGuid():N}");
    private FakeConnector _connector = null!;
    private FakeFileServer _files = null!;
    private WebApplicationFactory<Program> _host = null!;

    public async Task InitializeAsync()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        await using (var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId))
        {
            // Each test starts with no remembered focus (other tests share the database); the vault is its own.
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM conversation_focus");
            await tx.CommitAsync();
        }

        _connector = await FakeConnector.StartAsync();
        _files = await FakeFileServer.StartAsync();
        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:ComplianceDb", fixture.AppConnectionString)
            .UseSetting("Bot:AllowAnonymous", "true")
            .UseSetting("Notifications:DispatchIntervalSeconds", "0")
            .UseSetting("Evidence:LocalPath", _vault)
            .UseSetting("Evidence:Links:PublicBaseUrl", "http://localhost")
            .UseSetting("Teams:Files:DownloadHosts:0", "127.0.0.1")
            .UseSetting("Teams:Files:ImageHosts:0", "127.0.0.1")
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new Teams.Auth.ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 6, 30, 0, TimeSpan.Zero)))));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _files.DisposeAsync();
        await _connector.DisposeAsync();
        if (Directory.Exists(_vault))
        {
            foreach (var f in Directory.EnumerateFiles(_vault, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(f, FileAttributes.Normal);
            }

            Directory.Delete(_vault, recursive: true);
        }
    }

    [Fact]
    public async Task AFileNamedWithItsSlotAndObligation_IsStoredHashedAndAudited_TheSameBytesAgainStoreNothing_NewBytesAreVersionTwo()
    {
        var gstr3b = await InstanceAsync("GSTR3B", "2026-10");
        var first = SampleFiles.Pdf("challan one");

        var receipt = await SendFileAsync(Priya, "challan for gstr3b october", "challan-oct.pdf", first);
        Assert.Contains("Evidence received", receipt);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(first)), receipt);
        Assert.Contains("Challan", receipt);
        Assert.Contains("GSTR3B 2026-10", receipt);
        Assert.All(_files.Requests, r => Assert.Null(r.Authorization)); // pre-authorised URL: no bot token sent

        var v1 = await SingleEvidenceAsync(gstr3b.Id, "challan", 1);
        Assert.Equal((first.Length, "application/pdf", EvidenceApprovalStatus.Pending, false), (v1.SizeBytes, v1.ContentType, v1.ApprovalStatus, v1.IsImmutable));
        Assert.Equal(first, await StoredBytesAsync(v1.StorageKey));
        Assert.StartsWith($"{DemoWorld.Acme.TenantId}/{gstr3b.EntityId}/{gstr3b.Id}/{v1.Id}/v1/", v1.StorageKey);
        Assert.Contains(await AuditAsync(v1.Id), a => a == AuditAction.EvidenceUploaded);

        // The work had not been started: the receipt offers its owner that next step, and then submitting it.
        Assert.Equal(InstanceStatus.NotStarted, gstr3b.Status);
        Assert.DoesNotContain("Submit for approval", receipt);
        await InvokeAsync(Priya, "start", Action(LastCard(), "start", gstr3b.Id.ToString()));
        Assert.Equal(InstanceStatus.InProgress, (await InstanceAsync("GSTR3B", "2026-10")).Status);

        var again = await SendFileAsync(Priya, "challan for gstr3b october", "copy-of-challan.pdf", first);
        Assert.Contains("Already in the vault", again);
        Assert.Equal(1, await CountAsync(gstr3b.Id));

        var second = SampleFiles.Pdf("challan corrected");
        var secondReceipt = await SendFileAsync(Priya, "challan for gstr3b october", "challan-oct-v2.pdf", second);
        Assert.Contains("Evidence received", secondReceipt);
        Assert.DoesNotContain("Start work", secondReceipt);
        Assert.DoesNotContain("Submit for approval", secondReceipt); // started, but waiting for GSTR1 2026-10: not yet
        var v2 = await SingleEvidenceAsync(gstr3b.Id, "challan", 2);
        Assert.Equal(v1.Id, v2.ParentEvidenceId);
        Assert.Equal(first, await StoredBytesAsync(v1.StorageKey)); // the older version is untouched
    }

    [Fact]
    public async Task AnImagePastedIntoTheMessage_IsFetchedFromTheConnector_AndStoredAsAPng()
    {
        var epf = await InstanceAsync("EPF_ECR", "2026-10");
        var png = SampleFiles.Png();

        // As Teams sends a pasted image: "image/*" with the connector's attachment URL, and the message's HTML beside it.
        var receipt = await SendAttachmentsAsync(Priya, "challan for epf october",
            new JsonObject { ["contentType"] = "image/*", ["contentUrl"] = _files.Add(png, "image/png") },
            new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>challan for epf october</p><img itemtype=\"http://schema.skype.com/AMSImage\">" });

        Assert.Contains("Evidence received", receipt);
        Assert.Contains("pasted-image.png", receipt);
        var stored = await SingleEvidenceAsync(epf.Id, "challan", 1);
        Assert.Equal(("pasted-image.png", "image/png", (long)png.Length), (stored.FileName, stored.ContentType, stored.SizeBytes));
        Assert.Equal(png, await StoredBytesAsync(stored.StorageKey));
    }

    [Fact]
    public async Task AFileWithoutWords_GoesNowhereUntilChosen_ThenToTheChosenObligationAndSlot()
    {
        var esi = await InstanceAsync("ESI", "2026-10");
        var bytes = SampleFiles.Pdf("esi challan");

        var choice = await SendFileAsync(Priya, null, "scan.pdf", bytes);
        Assert.Contains("Which obligation is scan.pdf for?", choice);
        Assert.Equal(0, await CountAsync(esi.Id));
        var attach = Action(LastCard(), "evidence.attach", esi.Id.ToString());

        var slots = await InvokeAsync(Priya, "evidence.attach", attach);
        Assert.Contains("What is scan.pdf for ESI 2026-10?", slots);
        Assert.Equal(0, await CountAsync(esi.Id));

        var kind = JsonNode.Parse(attach.ToJsonString())!.AsObject();
        kind["kind"] = "esic-challan";
        var receipt = await InvokeAsync(Priya, "evidence.attach", kind);
        Assert.Contains("Evidence received", receipt);
        Assert.Equal(bytes, await StoredBytesAsync((await SingleEvidenceAsync(esi.Id, "esic-challan", 1)).StorageKey));

        // The conversation is now about ESI: the next file without words asks only for its slot.
        Assert.Contains("What is next.pdf for ESI 2026-10?", await SendFileAsync(Priya, null, "next.pdf", SampleFiles.Pdf("next")));

        // Every card of the exchange (both choices, the receipt, the instance card with its evidence) passes the
        // official Adaptive Cards parser.
        await InvokeAsync(Priya, "status", new JsonObject { ["instanceId"] = esi.Id.ToString() });
        var dir = Directory.CreateTempSubdirectory("cos-evidence-cards-").FullName;
        try
        {
            var files = _cards.Select((c, n) => { var f = Path.Combine(dir, $"card-{n}.json"); File.WriteAllText(f, c); return f; }).ToList();
            var outcome = await Cards.AdaptiveCardParser.ValidateAsync(files);
            Assert.True(outcome.ExitCode == 0, outcome.ToString());
            Assert.Equal(files.Count, outcome.Files.Count);
            Assert.All(outcome.Files, f => Assert.Empty(f.Errors));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task AProgramNamedLikeAPdf_IsRefusedWithTheReason_AndNothingIsStored()
    {
        var gstr1 = await InstanceAsync("GSTR1", "2026-10");
        var reply = await SendFileAsync(Priya, "arn acknowledgement for gstr1 october", "invoice.pdf", SampleFiles.WindowsProgram());

        Assert.True(reply.Contains("invoice.pdf was not stored", StringComparison.Ordinal), reply);
        Assert.Contains("Windows program", reply);
        Assert.Equal(0, await CountAsync(gstr1.Id));
        Assert.False(Directory.Exists(_vault) && Directory.EnumerateFiles(_vault, "*", SearchOption.AllDirectories).Any(), "nothing may be left in the vault");
    }

    [Fact]
    public async Task AFileOverTheTenantsLimit_IsRefusedNamingTheLimit_AndNothingIsStored()
    {
        var form16a = await InstanceAsync("FORM16A", "FY2026-27-Q2");
        await using var owner = new Npgsql.NpgsqlConnection(fixture.OwnerConnectionString);
        await owner.OpenAsync();
        await using (var limit = new Npgsql.NpgsqlCommand($"UPDATE tenants SET max_evidence_bytes = 2048 WHERE id = '{DemoWorld.Acme.TenantId}'", owner))
        {
            await limit.ExecuteNonQueryAsync();
        }

        try
        {
            var big = SampleFiles.Pdf(new string('x', 5000));
            var reply = await SendFileAsync(Priya, "traces form16a for form16a q2", "form16a.pdf", big);
            Assert.True(reply.Contains("larger than the 2 KB limit", StringComparison.Ordinal), reply);
            Assert.Equal(0, await CountAsync(form16a.Id));
            Assert.False(Directory.Exists(_vault) && Directory.EnumerateFiles(_vault, "*", SearchOption.AllDirectories).Any(), "nothing may be left in the vault");
        }
        finally
        {
            await using var reset = new Npgsql.NpgsqlCommand($"UPDATE tenants SET max_evidence_bytes = NULL WHERE id = '{DemoWorld.Acme.TenantId}'", owner);
            await reset.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task TheDownloadLink_ServesTheVerifiedBytesToItsHolder_IsAudited_AndATamperedFileIsNotServedButReportedToAdmins()
    {
        var epf = await InstanceAsync("EPF_ECR", "2026-11");
        var bytes = SampleFiles.Pdf("epf challan");
        await SendFileAsync(Priya, "challan for epf november", "epf.pdf", bytes);
        var e = await SingleEvidenceAsync(epf.Id, "challan", 1);

        var linkCard = await InvokeAsync(Priya, "evidence.link", new JsonObject { ["evidenceId"] = e.Id.ToString() });
        var url = Regex().Match(linkCard).Value;
        Assert.StartsWith("http://localhost/evidence/", url);
        var client = _host.CreateClient();
        var download = await client.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(e.Sha256, download.Headers.GetValues("X-Evidence-SHA256").Single());
        Assert.Contains(AuditAction.EvidenceLinkIssued, await AuditAsync(e.Id));
        Assert.Contains(AuditAction.EvidenceDownloaded, await AuditAsync(e.Id));

        // A forged or altered token is refused without touching the file.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri(url).PathAndQuery[..^3] + "AAA")).StatusCode);

        // Someone edits the stored file behind the vault's back.
        var path = Path.Combine(_vault, e.StorageKey);
        File.SetAttributes(path, FileAttributes.Normal);
        await File.WriteAllBytesAsync(path, SampleFiles.Pdf("epf challan, edited"));
        var tampered = await client.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.Conflict, tampered.StatusCode);
        Assert.Contains("failed its integrity check", await tampered.Content.ReadAsStringAsync());
        Assert.Contains(AuditAction.EvidenceIntegrityFailed, await AuditAsync(e.Id));
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var report = await db.Notifications.AsNoTracking().Where(n => n.InstanceId == epf.Id && n.Stage == "evidence-integrity").Select(n => n.RecipientUserId).ToListAsync();
        Assert.Contains(DemoWorld.Acme.AnitaId, report);
    }

    [Fact]
    public async Task AnotherTenantsUser_CannotObtainALink_AndOnlyTheUploaderMayRemoveAnUnapprovedFile()
    {
        var pt = await InstanceAsync("PT_MH_PTRC", "2026-10");
        var stored = await SendFileAsync(Priya, "mtr6 challan for pt october", "mtr6.pdf", SampleFiles.Pdf("mtr6"));
        Assert.True(stored.Contains("Evidence received", StringComparison.Ordinal), stored);
        var e = await SingleEvidenceAsync(pt.Id, "mtr6-challan", 1);

        var suresh = new Domain.Common.CommandContext(DemoWorld.Bharat.TenantId, Domain.Common.Actor.User(DemoWorld.Bharat.SureshId, "Suresh"), Domain.Common.Channel.Teams);
        var links = _host.Services.GetRequiredService<Domain.EvidenceVault.Links.IssueEvidenceLinkHandler>();
        var refused = await links.HandleAsync(suresh, new(e.Id));
        Assert.IsType<Domain.Common.NotFoundError>(Assert.Single(refused.Errors));

        Assert.Contains("Only the person who uploaded a file can remove it", await InvokeAsync(Rahul, "evidence.remove", new JsonObject { ["evidenceId"] = e.Id.ToString() }));
        Assert.Contains("was removed", await InvokeAsync(Priya, "evidence.remove", new JsonObject { ["evidenceId"] = e.Id.ToString() }));
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var removed = await db.Evidence.AsNoTracking().SingleAsync(x => x.Id == e.Id);
        Assert.NotNull(removed.RemovedAt);
        Assert.Contains(AuditAction.EvidenceRemoved, await AuditAsync(e.Id));
    }

    private Task<string> SendFileAsync(string aad, string? text, string name, byte[] bytes) =>
        SendAttachmentsAsync(aad, text, new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["contentUrl"] = "https://contoso.sharepoint.com/personal/priya/Documents/Microsoft%20Teams%20Chat%20Files/" + name,
            ["name"] = name,
            ["content"] = new JsonObject { ["downloadUrl"] = _files.Add(bytes), ["uniqueId"] = Guid.NewGuid().ToString(), ["fileType"] = Path.GetExtension(name).TrimStart('.') },
        });

    private async Task<string> SendAttachmentsAsync(string aad, string? text, params JsonObject[] attachments)
    {
        var activity = TeamsActivities.Personal(aad, "message", _connector.BaseUrl, text);
        activity["attachments"] = new JsonArray(attachments);
        var before = _connector.Messages.Count();
        var response = await _host.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        var reply = _connector.Messages.Skip(before).Last();
        _cards.Add(JsonDocument.Parse(reply.Body).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText());
        return string.Join(" | ", Strings(JsonDocument.Parse(reply.Body).RootElement));
    }

    private JsonElement LastCard() =>
        JsonDocument.Parse(_connector.Messages.Last().Body).RootElement.GetProperty("attachments")[0].GetProperty("content");

    /// <summary>The data of the first Action.Execute with this verb whose data mentions <paramref name="mentioning"/>.</summary>
    private static JsonObject Action(JsonElement card, string verb, string mentioning) =>
        Actions(card).Where(a => a.GetProperty("verb").GetString() == verb && a.GetProperty("data").GetRawText().Contains(mentioning, StringComparison.Ordinal))
            .Select(a => JsonNode.Parse(a.GetProperty("data").GetRawText())!.AsObject()).First();

    private static IEnumerable<JsonElement> Actions(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object when e.TryGetProperty("type", out var t) && t.GetString() == "Action.Execute" => [e],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Actions(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Actions),
        _ => [],
    };

    private async Task<string> InvokeAsync(string aad, string verb, JsonObject data)
    {
        var activity = TeamsActivities.Personal(aad, "invoke", _connector.BaseUrl);
        activity["name"] = "adaptiveCard/action";
        data.Remove("verb");
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        var response = await _host.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (body.RootElement.TryGetProperty("type", out var t) && t.GetString() == "application/vnd.microsoft.card.adaptive")
        {
            _cards.Add(body.RootElement.GetProperty("value").GetRawText());
        }

        return string.Join(" | ", Strings(body.RootElement));
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private async Task<ComplianceInstance> InstanceAsync(string code, string period)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var master = await db.ComplianceMasters.Where(m => m.Code == code).Select(m => m.Id).SingleAsync();
        return await db.ComplianceInstances.AsNoTracking().SingleAsync(i => i.EntityId == DemoWorld.Acme.IndiaEntityId && i.MasterId == master && i.PeriodKey == period);
    }

    private async Task<Evidence> SingleEvidenceAsync(Guid instanceId, string kind, int version)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.Evidence.AsNoTracking().SingleAsync(e => e.InstanceId == instanceId && e.EvidenceKind == kind && e.Version == version);
    }

    private async Task<int> CountAsync(Guid instanceId)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.Evidence.CountAsync(e => e.InstanceId == instanceId);
    }

    private async Task<List<AuditAction>> AuditAsync(Guid evidenceId)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.TargetId == evidenceId.ToString()).Select(a => a.Action).ToListAsync();
    }

    private async Task<byte[]> StoredBytesAsync(string key)
    {
        await using var stream = await _host.Services.GetRequiredService<IEvidenceStore>().OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"http://localhost/evidence/[A-Za-z0-9_\-\.]+")]
    private static partial System.Text.RegularExpressions.Regex Regex();
}
