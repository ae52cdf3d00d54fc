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

    public static async Task DropAsync(string ownerConnectionString, string database)
    {
        await using var c = new NpgsqlConnection(ownerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
    }
}
