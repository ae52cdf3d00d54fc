using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceOs.BotHost.Health;

/// <summary>
/// <c>GET /health</c>: database reachable, migrations applied (and which are pending), and whether the demo world is
/// seeded. 200 when the database is reachable and fully migrated, 503 otherwise; the seed is reported, not required.
/// </summary>
internal static partial class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync);
        return app;
    }

    private static async Task<IResult> CheckAsync(ComplianceDbFactory dbs, ILogger<HealthReport> logger, CancellationToken ct)
    {
        try
        {
            await using var db = dbs.Unscoped();
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            var tenants = new List<DemoTenantStatus>
            {
                await DemoTenantAsync(dbs, "Acme India Pvt Ltd", DemoWorld.Acme.TeamsTenantId, ct),
                await DemoTenantAsync(dbs, "Bharat Traders Pvt Ltd", DemoWorld.Bharat.TeamsTenantId, ct),
            };
            var healthy = pending.Count == 0 && applied.Count > 0;
            var report = new HealthReport(
                healthy ? "healthy" : "unhealthy",
                new DatabaseStatus(true, null),
                new MigrationStatus(applied.Count, applied.LastOrDefault(), pending),
                new SeedStatus(tenants.All(t => t.Seeded), tenants));
            return Results.Json(report, statusCode: healthy ? 200 : 503);
        }
        catch (NpgsqlException ex)
        {
            LogDatabaseUnreachable(logger, ex.SqlState);
            var report = new HealthReport(
                "unhealthy", new DatabaseStatus(false, "the database cannot be reached"), null, null);
            return Results.Json(report, statusCode: 503);
        }
    }

    private static async Task<DemoTenantStatus> DemoTenantAsync(ComplianceDbFactory dbs, string name, string teamsTenantId, CancellationToken ct)
    {
        await using var resolver = dbs.Unscoped();
        var tenantId = await resolver.Database
            .SqlQuery<Guid?>($"SELECT app_resolve_tenant('teams', {teamsTenantId}) AS \"Value\"")
            .SingleAsync(ct);
        if (tenantId is not { } id)
        {
            return new DemoTenantStatus(name, teamsTenantId, false, 0, 0);
        }

        await using var db = dbs.ForTenant(id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entities = await db.LegalEntities.CountAsync(ct);
        var people = await db.Users.CountAsync(ct);
        return new DemoTenantStatus(name, teamsTenantId, entities > 0 && people > 0, entities, people);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Health check: database unreachable (SQLSTATE {SqlState})")]
    private static partial void LogDatabaseUnreachable(ILogger logger, string? sqlState);
}

internal sealed record HealthReport(string Status, DatabaseStatus Database, MigrationStatus? Migrations, SeedStatus? Seed);

internal sealed record DatabaseStatus(bool Reachable, string? Error);

internal sealed record MigrationStatus(int Applied, string? Latest, IReadOnlyList<string> Pending);

internal sealed record SeedStatus(bool DemoWorldSeeded, IReadOnlyList<DemoTenantStatus> Tenants);

internal sealed record DemoTenantStatus(string Name, string TeamsTenantId, bool Seeded, int Entities, int People);
