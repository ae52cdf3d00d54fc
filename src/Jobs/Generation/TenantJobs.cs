using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Notifications.Digests;
using ComplianceOs.Domain.Notifications.Reminders;
using ComplianceOs.Jobs.Locking;
using Hangfire;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ComplianceOs.Jobs.Generation;

/// <summary>
/// The per-tenant jobs. Thin: the argument is an id, the work is Domain's, a rerun does nothing new, and an
/// exception escapes so Hangfire retries. A per-tenant lock keeps a second worker off a tenant already in hand.
/// </summary>
public sealed class TenantJobs(JobsDataSource data, GenerateAheadHandler generate, RecomputeTenantHandler recompute, SweepRemindersHandler reminders, QueueDigestsHandler digests, ILogger<TenantJobs> log)
{
    /// <summary>Instances up to 60 days ahead, from the tenant's high-water mark (missed days caught up).</summary>
    [AutomaticRetry(Attempts = 5)]
    public Task GenerateAsync(Guid tenantId, CancellationToken ct) => LockedAsync("generate", tenantId, async () =>
    {
        var result = await generate.HandleAsync(tenantId, ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"generation for tenant {tenantId} failed: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        }

        log.LogInformation("Generated {Created} instance(s) for tenant {TenantId}, {From} to {Through}", result.Value!.Created, tenantId, result.Value.From, result.Value.Through);
    }, ct);

    /// <summary>Overdue, blocked and RAG for every instance of the tenant, set-based, as of the tenant's today.</summary>
    [AutomaticRetry(Attempts = 5)]
    public Task RecomputeAsync(Guid tenantId, CancellationToken ct) => LockedAsync("recompute", tenantId, async () =>
    {
        var changed = await recompute.HandleAsync(tenantId, today: null, ct);
        log.LogInformation("Recomputed tenant {TenantId}: {Changed} instance(s) changed", tenantId, changed);
    }, ct);

    /// <summary>
    /// One tenant's sweep (the fallback of <see cref="FanOutJobs.RemindAllAsync"/>, and jobs enqueued before it):
    /// reminders and escalations now due, and the day's digests and the week's calendar once their hour has come,
    /// into the outbox (the dispatcher delivers them); nothing in quiet hours.
    /// </summary>
    [AutomaticRetry(Attempts = 5)]
    public Task RemindAsync(Guid tenantId, CancellationToken ct) => LockedAsync("remind", tenantId, async () =>
    {
        var result = await reminders.HandleAsync(tenantId, ct);
        log.LogInformation("Reminder sweep for tenant {TenantId} at {Local}: {Outcome}", tenantId, result.TenantTime, result.Held ? "quiet hours, held" : $"{result.Queued} queued");
        var queued = await digests.HandleAsync(tenantId, ct);
        if (queued.Daily + queued.Weekly > 0)
        {
            log.LogInformation("Digests for tenant {TenantId}: {Daily} daily, {Weekly} weekly queued", tenantId, queued.Daily, queued.Weekly);
        }
    }, ct);

    /// <summary>
    /// The day's digests and the week's calendar once their hour has come, into the outbox; nothing in quiet hours.
    /// The reminders themselves were decided for every tenant at once (<see cref="FanOutJobs.RemindAllAsync"/>).
    /// </summary>
    [AutomaticRetry(Attempts = 5)]
    public Task DigestsAsync(Guid tenantId, CancellationToken ct) => LockedAsync("digests", tenantId, async () =>
    {
        var queued = await digests.HandleAsync(tenantId, ct);
        if (queued.Daily + queued.Weekly > 0)
        {
            log.LogInformation("Digests for tenant {TenantId}: {Daily} daily, {Weekly} weekly queued", tenantId, queued.Daily, queued.Weekly);
        }
    }, ct);

    private async Task LockedAsync(string job, Guid tenantId, Func<Task> work, CancellationToken ct)
    {
        await using var held = await TenantLock.TryAcquireAsync(data.DataSource, job, tenantId, ct);
        if (held is null)
        {
            log.LogInformation("Job {Job} for tenant {TenantId} is running on another worker", job, tenantId);
            return;
        }

        await work();
    }
}

/// <summary>The database the jobs lock in (the application role's connection string); its pool closes with the host.</summary>
public sealed class JobsDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable, IDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
