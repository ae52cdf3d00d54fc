using Hangfire.PostgreSql;
using Npgsql;

namespace ComplianceOs.Jobs.Hosting;

/// <summary>
/// Hangfire's tables, in schema <c>hangfire</c> of the product's database, created by the migration step as the
/// schema owner (the application role may not create tables) and granted to the application role, which the
/// servers run as; so no server ever changes the schema at start.
/// </summary>
public static class HangfireSchema
{
    public const string Name = "hangfire";

    public static async Task InstallAsync(string ownerConnectionString, CancellationToken ct = default)
    {
        // Hangfire's installer takes its logger from a process-wide provider the first time its type is used; a host
        // disposed earlier in the same process (as tests do) leaves a disposed logger factory there, and the type's
        // initializer fails for the rest of the process. Installing logs nothing worth keeping.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        PostgreSqlObjectsInstaller.Install(connection, Name);
        await using var grant = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA {Name} TO compliance_app;
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {Name} TO compliance_app;
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {Name} TO compliance_app;
            """, connection);
        await grant.ExecuteNonQueryAsync(ct);
    }
}
