using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Integration.Tests.Assistant;

/// <summary>Questions about the team's own work are answered from the database, within what the asker may see.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class MyWorkAnswerTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private AssistantHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AssistantHarness.StartAsync(fixture);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task IsOurReturnFiled_AnswersFromTheInstance_WithItsReference()
    {
        var filed = await InstanceAsync(DemoWorld.Acme.IndiaEntityId, "GSTR1", i => i.Status == InstanceStatus.Filed);
        var month = NodaTime.Text.LocalDatePattern.CreateWithInvariantCulture("MMMM uuuu").Format(filed.PeriodStart);
        var reply = await _harness.AskAsync("priya", $"is our GSTR-1 for {month} filed?");

        Assert.Equal("MyWork", reply.Kind);
        Assert.StartsWith("Yes.", reply.Text.Split('\n')[1], StringComparison.Ordinal);
        Assert.Contains(filed.FilingReference!, reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Raw.Private, "the team's data goes to the asker alone");
    }

    [Fact]
    public async Task IsOurReturnFiled_SaysNotYet_ForAnOpenOne()
    {
        var open = await InstanceAsync(DemoWorld.Acme.IndiaEntityId, "GSTR3B", i => i.Status != InstanceStatus.Filed);
        var reply = await _harness.AskAsync("priya", $"has the 3b for {open.PeriodKey} been paid?");

        Assert.Contains("Not yet.", reply.Text, StringComparison.Ordinal);
        Assert.Contains(open.PeriodKey, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatsOverdueForTheLlp_ListsTheLlpsOverdueWork_AndNothingElse()
    {
        List<string> overdue;
        await using (var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId))
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            overdue = await db.ComplianceInstances.Where(i => i.EntityId == DemoWorld.Acme.LlpEntityId && i.IsOverdue && i.Status != InstanceStatus.Filed)
                .Select(i => i.PeriodKey).ToListAsync();
        }

        var reply = await _harness.AskAsync("rahul", "what's overdue for the LLP?");

        Assert.Equal("MyWork", reply.Kind);
        Assert.DoesNotContain("Acme India", reply.Text, StringComparison.Ordinal);
        Assert.All(overdue.Take(15), key => Assert.Contains(key, reply.Text, StringComparison.Ordinal));
        Assert.Contains(overdue.Count == 0 ? "found no overdue" : $"{overdue.Count} overdue", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeoneWhoCannotSeeAnEntity_LearnsNothingAboutIt()
    {
        var reply = await _harness.AskAsync("vikram", "is our pf for october paid?");
        Assert.DoesNotContain("Acme India", reply.Text, StringComparison.Ordinal);
        Assert.Contains("found no", reply.Text, StringComparison.Ordinal);

        var other = await _harness.AskAsync("priya", "what's overdue for the LLP?");
        Assert.DoesNotContain("Acme Services LLP", other.Text, StringComparison.Ordinal);
    }

    private async Task<ComplianceInstance> InstanceAsync(Guid entity, string code, Func<ComplianceInstance, bool> which)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var rows = await (from i in db.ComplianceInstances
                          join m in db.ComplianceMasters on i.MasterId equals m.Id
                          where i.EntityId == entity && m.Code == code && i.PeriodStart <= new NodaTime.LocalDate(2026, 10, 1)
                          orderby i.PeriodStart descending
                          select i).AsNoTracking().ToListAsync();
        return rows.First(which);
    }
}
