using Npgsql;

namespace ComplianceOs.Benchmarks;

/// <summary>
/// A throw-away database on the project's PostgreSQL, created and dropped as the schema owner (which has CREATEDB),
/// the same way the integration tests do it.
/// </summary>
public sealed record BenchDatabase(string Name, string OwnerServerConnectionString, string OwnerConnectionString, string AppConnectionString)
{
    private const string DefaultOwner = "Host=127.0.0.1;Port=55432;Database=complianceos;Username=compliance_owner;Password=compliance_owner_dev";
    private const string DefaultApp = "Host=127.0.0.1;Port=55432;Database=complianceos;Username=compliance_app;Password=compliance_app_dev";

    public static async Task<BenchDatabase> CreateAsync()
    {
        var owner = Environment.GetEnvironmentVariable("ConnectionStrings__ComplianceDbOwner") ?? DefaultOwner;
        var app = Environment.GetEnvironmentVariable("ConnectionStrings__ComplianceDb") ?? DefaultApp;
        var name = $"complianceos_bench_{Guid.NewGuid():N}"[..40];
        await using (var c = new NpgsqlConnection(owner))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
            await cmd.ExecuteNonQueryAsync();
        }

        return new BenchDatabase(name, owner, WithDatabase(owner, name), WithDatabase(app, name));
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(OwnerServerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Server facts for the report (read as the owner on the benchmark database).</summary>
    public async Task<IReadOnlyList<(string Name, string Value)>> ServerSettingsAsync()
    {
        await using var c = new NpgsqlConnection(OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT 'server_version', current_setting('server_version') UNION ALL
            SELECT 'shared_buffers', current_setting('shared_buffers') UNION ALL
            SELECT 'work_mem', current_setting('work_mem') UNION ALL
            SELECT 'synchronous_commit', current_setting('synchronous_commit') UNION ALL
            SELECT 'fsync', current_setting('fsync') UNION ALL
            SELECT 'max_wal_size', current_setting('max_wal_size') UNION ALL
            SELECT 'jit', current_setting('jit')
            """, c);
        var list = new List<(string, string)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            list.Add((r.GetString(0), r.GetString(1)));
        }

        return list;
    }

    private static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;
}
