using System.Net;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Masters.SaveCustomMaster;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>Suresh, Bharat's admin, asks the masters pages for Acme's ids directly: every one is not found, and nothing changes.</summary>
public sealed class MastersIsolationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AcmesCustomMasterEntityAndInstanceIds_AreNotFoundForBharatsAdmin_AndNothingChanges()
    {
        var anita = new CommandContext(DemoWorld.Acme.TenantId, Actor.User(DemoWorld.Acme.AnitaId, "Anita Desai"), Channel.Portal);
        var saved = await fixture.Get<SaveCustomMasterHandler>().HandleAsync(anita, new SaveCustomMasterCommand(
            "ACME_SECRET", "Acme's confidential board filing", "Other", "Acme board", "Monthly", "By the 10th.", MastersKit.MonthlyTenth));
        Assert.True(saved.Succeeded, saved.ToString());
        var master = saved.Value!.Id;
        var instance = (await MastersKit.AcmeInstanceAsync(fixture, "GSTR3B", "2026-11")).Id;
        var entity = DemoWorld.Acme.IndiaEntityId;
        var before = await SnapshotAsync();

        using var suresh = await PortalWorld.SureshAsync(_host);
        var bharatAuditBefore = (await MastersKit.AuditAsync(fixture, DemoWorld.Bharat.TenantId)).Count;
        var gets = new[]
        {
            $"/Tenant/Masters/Details?id={master}",
            $"/Tenant/Masters/Edit?id={master}",
            $"/Tenant/Masters/Edit?from={master}",
            $"/Tenant/Masters/Extend?masterId={master}",
            $"/Tenant/Masters/Extend?instanceId={instance}",
        };
        foreach (var path in gets)
        {
            using var response = await suresh.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("Acme", await response.Content.ReadAsStringAsync());
        }

        var posts = new (string Path, string FormPage, List<KeyValuePair<string, string>> Fields)[]
        {
            ("/Tenant/Masters/Edit?handler=Save", "/Tenant/Masters/Edit", MastersKit.Master("ACME_SECRET", overrides: [("Id", master.ToString()), ("Name", "taken over")])),
            ("/Tenant/Masters/Edit?handler=Preview", "/Tenant/Masters/Edit", MastersKit.Master("ANY_CODE", overrides: [("PreviewEntityId", entity.ToString())])),
            ("/Tenant/Masters/Edit?handler=Preview", "/Tenant/Masters/Edit", MastersKit.Master("ANY_CODE", overrides: [("Id", master.ToString()), ("PreviewEntityId", DemoWorld.Bharat.EntityId.ToString())])),
            ("/Tenant/Masters?handler=Retire", "/Tenant/Masters/Edit", [new("id", master.ToString())]),
            ("/Tenant/Masters/Extend", "/Tenant/Masters/Extend",
                [new("Input.InstanceId", instance.ToString()), new("Input.MasterCode", "GSTR3B"), new("Input.PeriodKey", "2026-11"), new("Input.ExtendedTo", "2026-12-27"), new("Input.NotificationReference", "Notification 99/2026-CT")]),
        };
        foreach (var (path, formPage, fields) in posts)
        {
            using var response = await suresh.PostFormAsync(path, fields, formPage);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("Acme", await response.Content.ReadAsStringAsync());
        }

        // Bharat's own list shows the catalog and nothing of Acme's.
        var list = await suresh.GetPageAsync("/Tenant/Masters");
        Assert.Contains("data-code=\"GSTR3B\"", list);
        Assert.DoesNotContain("ACME_SECRET", list);

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(bharatAuditBefore, (await MastersKit.AuditAsync(fixture, DemoWorld.Bharat.TenantId)).Count);
    }

    /// <summary>Everything the requests could have changed, in either tenant.</summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var tenant in new[] { DemoWorld.Acme.TenantId, DemoWorld.Bharat.TenantId })
        {
            await using var db = fixture.Dbs.ForTenant(tenant);
            await using var tx = await db.Database.BeginTransactionAsync();
            var masters = await db.ComplianceMasters.AsNoTracking().Where(m => m.TenantId != null).OrderBy(m => m.Code).Select(m => $"{m.Code}:{m.Name}:{m.IsActive}").ToListAsync();
            var extended = await db.ComplianceInstances.CountAsync(i => i.ExtendedDueDate != null);
            parts.Add($"{tenant}: masters [{string.Join(", ", masters)}], extensions {await db.DueDateExtensions.CountAsync()}, extended {extended}, notifications {await db.Notifications.CountAsync()}, audit {await db.AuditEntries.CountAsync(a => a.Action != Domain.Audit.AuditAction.PortalSignedIn)}");
        }

        return string.Join("; ", parts);
    }
}
