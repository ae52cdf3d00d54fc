using ComplianceOs.Domain.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Jobs.Generation;

/// <summary>
/// The recurring entry points: each enqueues one job per active tenant, so tenants run in parallel on whatever
/// workers there are, fail and retry on their own, and a tenant created today is picked up at the next run.
/// </summary>
public sealed class FanOutJobs(ComplianceDbFactory dbs, IBackgroundJobClient jobs)
{
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

    public async Task<int> RemindAllAsync(CancellationToken ct)
    {
        var tenants = await ActiveTenantsAsync(ct);
        foreach (var id in tenants)
        {
            jobs.Enqueue<TenantJobs>(j => j.RemindAsync(id, CancellationToken.None));
        }

        return tenants.Count;
    }

    private async Task<List<Guid>> ActiveTenantsAsync(CancellationToken ct)
    {
        await using var db = dbs.ForPlatform();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        return await db.Tenants.Where(t => t.IsActive).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
    }
}
