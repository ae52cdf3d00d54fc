using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities.RecordAgm;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Create;
using ComplianceOs.Domain.Instances.Extensions;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Masters.SaveCustomMaster;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Instances;

[Collection(DatabaseCollection.Name)]
public class GenerationTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task Generation_IsIdempotent_AndCreatesTasksOwnersAndApprovers()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, generate: false);
        var cmd = new GenerateInstancesCommand(new LocalDate(2025, 4, 1), new LocalDate(2026, 3, 31), new LocalDate(2025, 11, 22), w.CompanyId);
        var handler = fixture.Get<GenerateInstancesHandler>();

        var first = await handler.HandleAsync(w.Tenant.AsSystem(), cmd);
        var second = await handler.HandleAsync(w.Tenant.AsSystem(), cmd);

        Assert.True(first.Succeeded, first.ToString());
        Assert.True(first.Value!.Created > 90, $"only {first.Value.Created} created");
        Assert.Equal(first.Value.Candidates, first.Value.Created);
        Assert.Equal((first.Value.Candidates, 0), (second.Value!.Candidates, second.Value.Created));

        await using var db = fixture.Dbs.ForTenant(w.Tenant.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var instances = await db.ComplianceInstances.Where(i => i.EntityId == w.CompanyId).ToListAsync();
        Assert.Equal(first.Value.Created, instances.Count);
        Assert.All(instances, i => Assert.Equal((w.OwnerId, w.ApproverId), (i.OwnerUserId!.Value, i.ApproverUserId!.Value)));
        var steps = await db.ComplianceMasters.ToDictionaryAsync(m => m.Id, m => m.WorkflowSteps.Count);
        Assert.Equal(instances.Sum(i => steps[i.MasterId]), await db.WorkflowTasks.CountAsync(t => instances.Select(i => i.Id).Contains(t.InstanceId)));
        var review = await db.WorkflowTasks.Where(t => t.Name == "Review").Select(t => t.AssigneeUserId).Distinct().ToListAsync();
        Assert.Equal([w.ApproverId], review.Select(r => r!.Value));
        var gstr3b = await db.ComplianceMasters.Where(m => m.Code == "GSTR3B").Select(m => m.Id).SingleAsync();
        Assert.Equal(
            ["2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"],
            instances.Where(i => i.MasterId == gstr3b).Select(i => i.PeriodKey).Order());
        var generatedEntries = await db.AuditEntries.CountAsync(e => e.Action == Domain.Audit.AuditAction.InstancesGenerated);
        Assert.Equal(1, generatedEntries);
    }

    [Fact]
    public async Task Generation_SelectsApplicableMasters_ByDueDateOrExpectedDateInTheWindow()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, generate: false);

        // Due within November 2025; MGT-7 has no date until the AGM is recorded, but is expected by 29 November.
        var result = await fixture.Get<GenerateInstancesHandler>().HandleAsync(
            w.Tenant.AsSystem(), new GenerateInstancesCommand(new LocalDate(2025, 11, 1), new LocalDate(2025, 11, 30), new LocalDate(2025, 11, 22), w.CompanyId));

        Assert.True(result.Succeeded, result.ToString());
        await using var db = fixture.Dbs.ForTenant(w.Tenant.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var rows = await (from i in db.ComplianceInstances
                          join m in db.ComplianceMasters on i.MasterId equals m.Id
                          where i.EntityId == w.CompanyId
                          select new { m.Code, i.PeriodKey, i.StatutoryDueDate }).ToListAsync();
        var keys = rows.Select(r => $"{r.Code} {r.PeriodKey} {r.StatutoryDueDate:uuuu-MM-dd}").Order().ToList();
        Assert.Equal(
            [
                "EPF_ECR 2025-10 2025-11-15", "ESI 2025-10 2025-11-15", "FORM16A FY2025-26-Q2 2025-11-15", "GSTR1 2025-10 2025-11-11",
                "GSTR3B 2025-10 2025-11-20", "MGT7 FY2024-25 ", "PT_MH_PTRC 2025-10 2025-11-30", "TDS_PAY 2025-10 2025-11-07",
            ],
            keys);
    }

    [Fact]
    public async Task EventBasedInstances_WaitForTheAgm_ThenGetTheirDates()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var aoc4 = await w.InstanceAsync(fixture, "AOC4", "FY2024-25");
        Assert.Null(aoc4.StatutoryDueDate);
        Assert.Equal("agm", aoc4.AwaitingEvent);

        var recorded = await fixture.Get<RecordAgmHandler>().HandleAsync(
            w.Tenant.AsAdmin(), new RecordAgmCommand(w.CompanyId, new LocalDate(2025, 3, 31), new LocalDate(2025, 9, 30)));
        Assert.True(recorded.Succeeded, recorded.ToString());

        var dated = await w.InstanceAsync(fixture, "AOC4", "FY2024-25");
        Assert.Equal(new LocalDate(2025, 10, 30), dated.StatutoryDueDate);
        Assert.Null(dated.AwaitingEvent);
        Assert.Equal(new LocalDate(2025, 11, 29), (await w.InstanceAsync(fixture, "MGT7", "FY2024-25")).StatutoryDueDate);
        Assert.Equal(new LocalDate(2025, 10, 15), (await w.InstanceAsync(fixture, "ADT1", "FY2024-25")).StatutoryDueDate);
    }

    [Fact]
    public async Task Extension_MovesTheDueDateInForce_BesideTheStatutoryDate()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var result = await fixture.Get<RecordExtensionHandler>().HandleAsync(
            w.Tenant.AsAdmin(), new RecordExtensionCommand("gstr3b", "2025-09", new LocalDate(2025, 10, 25), "Notification 17/2025-CT dated 18-Oct-2025"));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(1, result.Value!.InstancesMoved);
        var i = await w.InstanceAsync(fixture, "GSTR3B", "2025-09");
        Assert.Equal((new LocalDate(2025, 10, 20), new LocalDate(2025, 10, 25)), (i.StatutoryDueDate!.Value, i.ExtendedDueDate!.Value));
        Assert.Equal("Notification 17/2025-CT dated 18-Oct-2025", i.ExtensionReference);

        var again = await fixture.Get<RecordExtensionHandler>().HandleAsync(
            w.Tenant.AsAdmin(), new RecordExtensionCommand("GSTR3B", "2025-09", new LocalDate(2025, 10, 27), "another"));
        Assert.Equal("periodKey", Assert.IsType<ConflictError>(Assert.Single(again.Errors)).Field);
    }

    [Fact]
    public async Task ExtensionRecordedFirst_AppliesToInstancesGeneratedLater()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, generate: false);
        var recorded = await fixture.Get<RecordExtensionHandler>().HandleAsync(
            w.Tenant.AsAdmin(), new RecordExtensionCommand("GSTR1", "2024-12", new LocalDate(2025, 1, 13), "CBIC notification dated 10-Jan-2025"));
        Assert.Equal(0, recorded.Value!.InstancesMoved);

        await fixture.Get<GenerateInstancesHandler>().HandleAsync(
            w.Tenant.AsSystem(), new GenerateInstancesCommand(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 31), new LocalDate(2025, 1, 5), w.CompanyId));

        var i = await w.InstanceAsync(fixture, "GSTR1", "2024-12");
        Assert.Equal((new LocalDate(2025, 1, 11), new LocalDate(2025, 1, 13)), (i.StatutoryDueDate!.Value, i.ExtendedDueDate!.Value));
    }

    [Theory]
    [InlineData("GSTR3B", "FY2025-26-Q1", "periodKey", "is not a Monthly period")]
    [InlineData("TDS_24Q", "2025-06", "periodKey", "is not a Quarterly period")]
    [InlineData("GSTR4", "2025-06", "masterCode", "'GSTR4' is not a compliance master code")]
    [InlineData("GST_PMT06", "2025-06", "periodKey", "has no instance for 2025-06")]
    public async Task CreateInstance_WithBadInput_NamesTheFieldAndWritesNothing(string code, string period, string field, string message)
    {
        var w = await WorkflowWorld.CreateAsync(fixture, generate: false);

        var result = await fixture.Get<CreateInstanceHandler>().HandleAsync(w.Tenant.AsAdmin(), new CreateInstanceCommand(w.CompanyId, code, period));

        var error = Assert.IsType<ValidationError>(Assert.Single(result.Errors));
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        Assert.Equal(0, await CountInstancesAsync(w));
    }

    [Fact]
    public async Task CreateInstance_ComputesTheDate_AndADuplicateIsAConflict()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, generate: false);
        var handler = fixture.Get<CreateInstanceHandler>();

        var created = await handler.HandleAsync(w.Tenant.AsAdmin(), new CreateInstanceCommand(w.CompanyId, "tds_pay", "2025-03"));
        var duplicate = await handler.HandleAsync(w.Tenant.AsAdmin(), new CreateInstanceCommand(w.CompanyId, "TDS_PAY", "2025-03"));

        Assert.True(created.Succeeded, created.ToString());
        Assert.Equal(new LocalDate(2025, 4, 30), created.Value!.StatutoryDueDate);
        Assert.Equal("periodKey", Assert.IsType<ConflictError>(Assert.Single(duplicate.Errors)).Field);
        Assert.Equal(1, await CountInstancesAsync(w));
    }

    [Theory]
    [InlineData("{ \"variants\": [ { \"due\": { \"kind\": \"dayOfMonthAfter\", \"monthsAfter\": 1, \"day\": 40 } } ] }", "dueDateRule.variants[0].due.day")]
    [InlineData("{ \"variants\": ", "dueDateRule")]
    [InlineData("{ \"variants\": [ { \"due\": { \"kind\": \"fixedDate\", \"dates\": { \"FY\": { \"month\": 6, \"day\": 30 } } } } ] }", "dueDateRule.variants[0].due.kind")]
    public async Task SaveCustomMaster_WithAnInvalidRule_NamesTheFieldAndWritesNothing(string rule, string field)
    {
        var w = await WorkflowWorld.CreateAsync(fixture, generate: false);

        var result = await fixture.Get<SaveCustomMasterHandler>().HandleAsync(w.Tenant.AsAdmin(), new SaveCustomMasterCommand(
            "SHOPS_RENEWAL", "Shops and establishment renewal", "Other", "Municipal corporation", "Monthly", "Renew monthly.", rule));

        Assert.Contains(result.Errors, e => e is ValidationError v && v.Field == field);
        await using var db = fixture.Dbs.ForTenant(w.Tenant.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.False(await db.ComplianceMasters.AnyAsync(m => m.Code == "SHOPS_RENEWAL"));
    }

    [Fact]
    public async Task SaveCustomMaster_IsVisibleOnlyToItsTenant_AndGenerates()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, generate: false);
        var other = await WorkflowWorld.CreateAsync(fixture, generate: false);
        var saved = await fixture.Get<SaveCustomMasterHandler>().HandleAsync(w.Tenant.AsAdmin(), new SaveCustomMasterCommand(
            "SHOPS_RENEWAL", "Shops and establishment renewal", "Other", "Municipal corporation", "Annual", "By 31 December after the year.",
            """{ "variants": [ { "due": { "kind": "fixedDate", "dates": { "FY": { "month": 12, "day": 31 } } } } ] }""",
            """{ "entityKinds": ["PrivateLimited"] }"""));
        Assert.True(saved.Succeeded, saved.ToString());

        var created = await fixture.Get<CreateInstanceHandler>().HandleAsync(w.Tenant.AsAdmin(), new CreateInstanceCommand(w.CompanyId, "SHOPS_RENEWAL", "FY2024-25"));
        Assert.Equal(new LocalDate(2025, 12, 31), created.Value!.StatutoryDueDate);
        var elsewhere = await fixture.Get<CreateInstanceHandler>().HandleAsync(other.Tenant.AsAdmin(), new CreateInstanceCommand(other.CompanyId, "SHOPS_RENEWAL", "FY2024-25"));
        Assert.Equal("masterCode", Assert.IsType<ValidationError>(Assert.Single(elsewhere.Errors)).Field);
    }

    [Fact]
    public async Task Generation_WithAReversedWindow_IsRefused()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, generate: false);

        var result = await fixture.Get<GenerateInstancesHandler>().HandleAsync(
            w.Tenant.AsSystem(), new GenerateInstancesCommand(new LocalDate(2025, 5, 1), new LocalDate(2025, 4, 1), new LocalDate(2025, 5, 1)));

        Assert.Equal("to", Assert.IsType<ValidationError>(Assert.Single(result.Errors)).Field);
        Assert.Equal(0, await CountInstancesAsync(w));
    }

    [Fact]
    public async Task Generation_ByAnOwner_IsForbidden()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, generate: false);

        var result = await fixture.Get<GenerateInstancesHandler>().HandleAsync(
            w.As(w.OwnerId), new GenerateInstancesCommand(new LocalDate(2025, 4, 1), new LocalDate(2025, 5, 1), new LocalDate(2025, 5, 1)));

        Assert.IsType<ForbiddenError>(Assert.Single(result.Errors));
        Assert.Equal(0, await CountInstancesAsync(w));
    }

    private async Task<int> CountInstancesAsync(WorkflowWorld w)
    {
        await using var db = fixture.Dbs.ForTenant(w.Tenant.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.ComplianceInstances.CountAsync();
    }
}
