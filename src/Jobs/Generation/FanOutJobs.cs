using ComplianceOs.Domain.Notifications.Reminders;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Jobs.Locking;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Jobs.Generation;

/// <summary>
/// The recurring entry points: each enqueues one job per active tenant, so tenants run in parallel on whatever
/// workers there are, fail and retry on their own, and a tenant created today is picked up at the next run. The
/// reminder sweep is the exception: it decides every tenant's reminders in one statement first (per tenant, its
/// round trips alone cost seconds over 1,000 tenants), and only the digests fan out.
/// </summary>
public sealed class FanOutJobs(ComplianceDbFactory dbs, IBackgroundJobClient jobs, JobsDataSource data, SweepAllTenantsHandler sweep, ILogger<FanOutJobs> log)
{
    /// <summary>The lock of the all-tenants sweep: one name, no tenant (<see cref="Guid.Empty"/>).</summary>
    public const string RemindAllLock = "remind-all";

    public const string GenerateAll = "generate-all";
    public const string RecomputeAll = "recompute-all";
    public const string RemindAll = "remind-all";

    public async Task<int> GenerateAllAsync(CancellationToken ct)
    {
        var tenants = await ActiveTenantsAsync(ct);
        foreach (var id in tenants)
        {
            jobs.Enqueue<TenantJobs>(j => j.GenerateAsync(id, CancellationToken.None));
        }

        return tenants.Count;
    }

    public async Task<int> RecomputeAllAsync(CancellationToken ct)
    {
        var tenants = await ActiveTenantsAsync(ct);
        foreach (var id in tenants)
        {
            jobs.Enqueue<TenantJobs>(j => j.RecomputeAsync(id, CancellationToken.None));
        }

        return tenants.Count;
    }

    /// <summary>
    /// Every active tenant's reminders and escalations now due, in one statement, under one lock (a second worker
    /// finding it held leaves the run to the first); then one digest job per tenant. If PostgreSQL rejects the
    /// statement because it does not know a tenant's time zone (NodaTime validated it), nothing was queued and every
    /// tenant is swept on its own instead, as before, so one tenant cannot hold back everyone's reminders. Any
    /// other failure escapes, and Hangfire retries the run.
    /// </summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task<int> RemindAllAsync(CancellationToken ct)
    {
        await using (var held = await TenantLock.TryAcquireAsync(data.DataSource, RemindAllLock, Guid.Empty, ct))
        {
            if (held is null)
            {
                log.LogInformation("The all-tenants reminder sweep is running on another worker");
                return 0;
            }

            var perTenant = false;
            try
            {
                var result = await sweep.HandleAsync(ct);
                log.LogInformation("Reminder sweep of {Tenants} tenant(s): {Queued} queued, {Held} tenant(s) in quiet hours", result.Tenants.Count, result.Queued, result.HeldTenants);
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.InvalidParameterValue)
            {
                log.LogWarning(ex, "The all-tenants reminder sweep failed ({Message}); sweeping tenant by tenant", ex.MessageText);
                perTenant = true;
            }

            var tenants = await ActiveTenantsAsync(ct);
            foreach (var id in tenants)
            {
                if (perTenant)
                {
                    jobs.Enqueue<TenantJobs>(j => j.RemindAsync(id, CancellationToken.None));
                }
                else
                {
                    jobs.Enqueue<TenantJobs>(j => j.DigestsAsync(id, CancellationToken.None));
                }
            }

            return tenants.Count;
        }
    }

    private async Task<List<Guid>> ActiveTenantsAsync(CancellationToken ct)
    {
        await using var db = dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        return await db.Tenants.Where(t => t.IsActive).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
    }
}
