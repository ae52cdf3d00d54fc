using Pgvector.EntityFrameworkCore;
using Pgvector.Npgsql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceOs.Domain.Persistence;

/// <summary>
/// Applies the checked-in migrations as the schema owner (never as the application role). Run by
/// <c>./run.sh</c> and the test fixture; production runs it as a deployment step, not at every start.
/// </summary>
public static class DatabaseMigrator
{
    public static async Task<IReadOnlyList<string>> MigrateAsync(string ownerConnectionString, CancellationToken ct = default)
    {
        var builder = new NpgsqlDataSourceBuilder(ownerConnectionString);
        builder.UseNodaTime();
        builder.UseVector();
        await using var dataSource = builder.Build();
        await using var db = new ComplianceDb(ComplianceDbFactory.Configure(new(), dataSource).Options, DbScope.Unscoped);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        return pending;
    }
}
