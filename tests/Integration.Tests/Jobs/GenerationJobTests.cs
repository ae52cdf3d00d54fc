using ComplianceOs.Domain;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Jobs.Generation;
using ComplianceOs.Jobs.Hosting;
using ComplianceOs.Jobs.Locking;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace ComplianceOs.Integration.Tests.Jobs;

/// <summary>The daily generation from a stored high-water mark: missed runs catch up exactly, reruns create nothing.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class GenerationJobTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private TestTenant _tenant = null!;

    public async Task InitializeAsync()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        _tenant = await TestWorld.CreateTenantAsync(fixture);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AfterATenDayOutage_TheNextRunCatchesUpExactly_AndARerunCreatesNothing()
    {
        // 10:00 in Kolkata on 10 January 2027.
        var clock = new TestClock(new DateTimeOffset(2027, 1, 10, 4, 30, 0, TimeSpan.Zero));
        var job = new GenerateAheadHandler(fixture.Dbs, fixture.Get<GenerateInstancesHandler>(), clock);
        var day1 = new LocalDate(2027, 1, 10);

        var first = await job.HandleAsync(_tenant.TenantId);
        Assert.True(first.Succeeded, first.ToString());
        Assert.Equal((day1, day1.PlusDays(60)), (first.Value!.From, first.Value.Through));
        Assert.True(first.Value.Created > 0);
        Assert.Equal(first.Value.Created, await CountAsync(day1, day1.PlusDays(60)));

        var rerun = await job.HandleAsync(_tenant.TenantId);
        Assert.True(rerun.Value!.UpToDate);
        Assert.Equal(0, rerun.Value.Created);

        // Ten days without a run: the next one generates the ten days the mark had not reached, no more, no fewer.
        clock.Advance(TimeSpan.FromDays(10));
        var caughtUp = await job.HandleAsync(_tenant.TenantId);
        Assert.Equal((day1.PlusDays(61), day1.PlusDays(70)), (caughtUp.Value!.From, caughtUp.Value.Through));
        Assert.Equal(await CountAsync(day1.PlusDays(61), day1.PlusDays(70)), caughtUp.Value.Created);
        Assert.Equal(first.Value.Created + caughtUp.Value.Created, await CountAsync(day1, day1.PlusDays(70)));
        Assert.Equal(0, await CountAsync(day1.PlusDays(71), day1.PlusDays(800)));

        // Nothing in the whole window was missed: generating it again in one go creates nothing.
        var again = await fixture.Get<GenerateInstancesHandler>().HandleAsync(_tenant.AsSystem(), new GenerateInstancesCommand(day1, day1.PlusDays(70), day1.PlusDays(10)));
        Assert.Equal(0, again.Value!.Created);
        Assert.Equal(day1.PlusDays(70), await MarkAsync());
    }

    [Fact]
    public async Task TheMark_NeverMovesBack_WhenTheClockDoes()
    {
        var clock = new TestClock(new DateTimeOffset(2027, 3, 1, 4, 30, 0, TimeSpan.Zero));
        var job = new GenerateAheadHandler(fixture.Dbs, fixture.Get<GenerateInstancesHandler>(), clock);
        await job.HandleAsync(_tenant.TenantId);
        clock.Advance(TimeSpan.FromDays(-5));
        var earlier = await job.HandleAsync(_tenant.TenantId);
        Assert.True(earlier.Value!.UpToDate);
        Assert.Equal(new LocalDate(2027, 4, 30), await MarkAsync());
    }

    [Fact]
    public async Task TwoWorkers_OnOneTenant_OnlyOneHoldsItsLock_AndAnotherTenantIsFree()
    {
        await using var data = NpgsqlDataSource.Create(fixture.AppConnectionString);
        await using (var first = await TenantLock.TryAcquireAsync(data, "generate", _tenant.TenantId, CancellationToken.None))
        {
            Assert.NotNull(first);
            Assert.Null(await TenantLock.TryAcquireAsync(data, "generate", _tenant.TenantId, CancellationToken.None));
            await using var otherJob = await TenantLock.TryAcquireAsync(data, "recompute", _tenant.TenantId, CancellationToken.None);
            Assert.NotNull(otherJob);
            await using var otherTenant = await TenantLock.TryAcquireAsync(data, "generate", Guid.NewGuid(), CancellationToken.None);
            Assert.NotNull(otherTenant);
        }

        await using var again = await TenantLock.TryAcquireAsync(data, "generate", _tenant.TenantId, CancellationToken.None);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task AHangfireServer_OnPostgreSql_RunsTheTenantsGeneration_AndTheRecurringScheduleIsRegistered()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jobs:ServerEnabled"] = "true",
            ["Jobs:WorkerCount"] = "2",
            ["Jobs:PollInterval"] = "00:00:00.200",
            // Registered, never due during the test: a fan-out would generate for every tenant of the shared database.
            ["Jobs:GenerateCron"] = Cron.Never(),
            ["Jobs:RecomputeCron"] = Cron.Never(),
            ["Jobs:RemindCron"] = Cron.Never(),
        });
        builder.Services.AddDomainModule(fixture.AppConnectionString);
        builder.Services.AddComplianceJobs(builder.Configuration, fixture.AppConnectionString);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            host.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<TenantJobs>(j => j.GenerateAsync(_tenant.TenantId, CancellationToken.None));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await MarkOrNullAsync() is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            Assert.NotNull(await MarkOrNullAsync());
            Assert.True(await CountAsync(new LocalDate(2000, 1, 1), new LocalDate(2100, 1, 1)) > 0);

            var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(JobStorage.Current.GetConnection());
            Assert.Contains(recurring, r => r.Id == FanOutJobs.GenerateAll);
            Assert.Contains(recurring, r => r.Id == FanOutJobs.RecomputeAll);
            Assert.Contains(recurring, r => r.Id == FanOutJobs.RemindAll);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private async Task<int> CountAsync(LocalDate from, LocalDate to)
    {
        await using var db = fixture.Dbs.ForTenant(_tenant.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.ComplianceInstances.CountAsync(i => (i.StatutoryDueDate ?? i.PeriodEnd) >= from && (i.StatutoryDueDate ?? i.PeriodEnd) <= to);
    }

    private async Task<LocalDate> MarkAsync() => (await MarkOrNullAsync())!.Value;

    private async Task<LocalDate?> MarkOrNullAsync()
    {
        await using var db = fixture.Dbs.ForTenant(_tenant.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.GenerationMarks.Select(m => (LocalDate?)m.GeneratedThrough).SingleOrDefaultAsync();
    }
}
