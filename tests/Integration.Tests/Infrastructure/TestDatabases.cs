using Npgsql;

namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>Creates and drops throw-away databases as the schema owner (which has CREATEDB).</summary>
public static class TestDatabases
{
    public static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    public static async Task CreateAsync(string ownerConnectionString, string database)
    {
        await using var c = new NpgsqlConnection(ownerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Drops the database once its sessions have gone. Closed pooled connections can take a moment to leave the
    /// server, and the owner may not terminate the application role's sessions, so it waits rather than forcing.
    /// </summary>
    public static async Task DropAsync(string ownerConnectionString, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(ownerConnectionString);
        await c.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\"", c);
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 6)
            {
                await Task.Delay(500);
            }
        }
    }
}
