using System.Net;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances.Extensions;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Notifications;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>Recording a government extension from the portal: the obligation moves, the trail records it, its owner is told.</summary>
public sealed class MastersExtensionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Reference = "Notification No. 99/2026-Central Tax dated 15-Dec-2026";
    private static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static List<KeyValuePair<string, string>> Extension(string code, string period, string extendedTo, string reference, Guid? instanceId = null, string states = "") =>
    [
        new("Input.InstanceId", instanceId?.ToString() ?? string.Empty),
        new("Input.MasterCode", code),
        new("Input.PeriodKey", period),
        new("Input.ExtendedTo", extendedTo),
        new("Input.NotificationReference", reference),
        new("Input.States", states),
    ];

    [Fact]
    public async Task RecordingAnExtension_MovesTheMatchingInstance_AuditsIt_AndQueuesANotificationToItsOwner()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var instance = await MastersKit.AcmeInstanceAsync(fixture, "GSTR3B", "2026-11");
        Assert.Equal((new LocalDate(2026, 12, 20), (LocalDate?)null), (instance.StatutoryDueDate!.Value, instance.ExtendedDueDate));
        Assert.NotNull(instance.OwnerUserId);

        // Opened from the obligation, the form names its master and period.
        var form = await anita.GetPageAsync($"/Tenant/Masters/Extend?instanceId={instance.Id}");
        Assert.Equal("2026-11", MastersKit.InputValue(form, "Input_PeriodKey"));
        Assert.Contains("<option selected=\"selected\" value=\"GSTR3B\">", form);

        using var response = await anita.PostFormAsync("/Tenant/Masters/Extend", Extension("GSTR3B", "2026-11", "2026-12-27", Reference, instance.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var gstr3b = await MastersKit.GlobalMasterIdAsync(fixture, "GSTR3B");
        Assert.Equal($"/Tenant/Masters/Details?id={gstr3b}&period=2026-11", response.Headers.Location!.OriginalString);

        var moved = await MastersKit.AcmeInstanceAsync(fixture, "GSTR3B", "2026-11");
        Assert.Equal((new LocalDate(2026, 12, 20), new LocalDate(2026, 12, 27), Reference), (moved.StatutoryDueDate!.Value, moved.ExtendedDueDate!.Value, moved.ExtensionReference));

        var recorded = Assert.Single(await MastersKit.AuditAsync(fixture, DemoWorld.Acme.TenantId), a => a.Action == AuditAction.ExtensionRecorded && a.TargetId == "GSTR3B");
        Assert.Equal((ActorKind.User, DemoWorld.Acme.AnitaId, Channel.Portal, "GSTR3B"), (recorded.ActorKind, recorded.ActorId!.Value, recorded.Channel, recorded.TargetId));
        Assert.Contains("\"instancesMoved\": 1", recorded.After);
        Assert.Contains("\"ownersNotified\": 1", recorded.After);
        Assert.Contains(Reference, recorded.After);

        await using (var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var notice = Assert.Single(await db.Notifications.AsNoTracking().Where(n => n.Stage == ExtensionNotifications.Stage && n.InstanceId == instance.Id).ToListAsync());
            Assert.Equal((instance.Id, instance.OwnerUserId!.Value, NotificationStatus.Pending), (notice.InstanceId!.Value, notice.RecipientUserId, notice.Status));
        }

        // The master's page shows the obligation at its new date, beside the statutory one.
        var page = WebUtility.HtmlDecode(await anita.GetPageAsync(response.Headers.Location.OriginalString));
        Assert.Equal("2026-12-27", MastersKit.DueInForce(page, instance.Id));
        Assert.Contains($"GSTR3B 2026-11 is extended to 27 Dec 2026 ({Reference}): 1 obligation moved, 1 owner notification queued.", page);

        // The same extension again is a conflict beside the period, and writes nothing more.
        using var again = await anita.PostFormAsync("/Tenant/Masters/Extend", Extension("GSTR3B", "2026-11", "2026-12-28", "another"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("An extension of this master for this period (and these states) is already recorded", MastersKit.FieldError(await again.Content.ReadAsStringAsync(), "Input.PeriodKey"));
        Assert.Equal(new LocalDate(2026, 12, 27), (await MastersKit.AcmeInstanceAsync(fixture, "GSTR3B", "2026-11")).ExtendedDueDate);
        await using (var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            Assert.Equal(1, await db.DueDateExtensions.CountAsync(x => x.MasterId == gstr3b));
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.Stage == ExtensionNotifications.Stage && n.InstanceId == instance.Id));
        }
    }

    [Fact]
    public async Task AnExtensionRecordedInQuietHours_TellsTheOwnerWhenTheyEnd()
    {
        // Saturday 21:30 in Kolkata: the evening is quiet, and so is Sunday.
        var clock = new TestClock(new LocalDateTime(2026, 12, 5, 21, 30).InZoneStrictly(Kolkata).ToDateTimeOffset());
        var handler = new RecordExtensionHandler(fixture.Dbs, fixture.Get<AuditLog>(), fixture.Get<RecomputeStatus>(), clock);
        var anita = new CommandContext(DemoWorld.Acme.TenantId, Actor.User(DemoWorld.Acme.AnitaId, "Anita Desai"), Channel.Portal);

        var result = await handler.HandleAsync(anita, new RecordExtensionCommand("GSTR1", "2026-11", new LocalDate(2026, 12, 13), "CBIC notification dated 5-Dec-2026"));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal((1, 1), (result.Value!.InstancesMoved, result.Value.OwnersNotified));
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var instance = await MastersKit.AcmeInstanceAsync(fixture, "GSTR1", "2026-11");
        var notice = await db.Notifications.AsNoTracking().SingleAsync(n => n.Stage == ExtensionNotifications.Stage && n.InstanceId == instance.Id);
        Assert.Equal(new LocalDateTime(2026, 12, 7, 8, 0).InZoneStrictly(Kolkata).ToInstant(), notice.NotBefore);
        Assert.Equal(ExtensionNotifications.Cycle(result.Value.Extension), notice.Cycle);
    }

    [Fact]
    public async Task BadInput_IsNamedBesideEachField_With400_AndNothingIsWritten()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var auditBefore = (await MastersKit.AuditAsync(fixture, DemoWorld.Acme.TenantId)).Count;
        var (extensions, extended, notices) = await CountsAsync();

        using (var badDate = await anita.PostFormAsync("/Tenant/Masters/Extend", Extension("GSTR1", "2026-11", "27/12/2026", Reference)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
            Assert.Equal("'27/12/2026' is not a date (YYYY-MM-DD).", MastersKit.FieldError(await badDate.Content.ReadAsStringAsync(), "Input.ExtendedTo"));
        }

        using (var bad = await anita.PostFormAsync("/Tenant/Masters/Extend", Extension("GSTR1", "FY2026-27-Q3", "2026-12-27", " ", states: "27, Atlantis")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var html = await bad.Content.ReadAsStringAsync();
            Assert.Equal("Is required", MastersKit.FieldError(html, "Input.NotificationReference"));
            Assert.StartsWith("'FY2026-27-Q3' is not a Monthly period", MastersKit.FieldError(html, "Input.PeriodKey"));
            Assert.Equal("'Atlantis' is not an Indian state or GST state code", MastersKit.FieldError(html, "Input.States"));
        }

        using (var early = await anita.PostFormAsync("/Tenant/Masters/Extend", Extension("GSTR1", "2026-11", "2026-11-15", Reference)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Equal("2026-11-15 is before the period ends (2026-11-30)", MastersKit.FieldError(await early.Content.ReadAsStringAsync(), "Input.ExtendedTo"));
        }

        Assert.Equal((extensions, extended, notices), await CountsAsync());
        Assert.Equal(auditBefore, (await MastersKit.AuditAsync(fixture, DemoWorld.Acme.TenantId)).Count);
    }

    private async Task<(int Extensions, int ExtendedInstances, int Notices)> CountsAsync()
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return (await db.DueDateExtensions.CountAsync(), await db.ComplianceInstances.CountAsync(i => i.ExtendedDueDate != null), await db.Notifications.CountAsync(n => n.Stage == ExtensionNotifications.Stage));
    }
}
