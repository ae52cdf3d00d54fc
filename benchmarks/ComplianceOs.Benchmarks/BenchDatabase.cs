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

    /// <summary>A database an earlier run kept (<c>--keep-database</c>), on the same server.</summary>
    public static BenchDatabase Existing(string name)
    {
        var owner = Environment.GetEnvironmentVariable("ConnectionStrings__ComplianceDbOwner") ?? DefaultOwner;
        var app = Environment.GetEnvironmentVariable("ConnectionStrings__ComplianceDb") ?? DefaultApp;
        return new BenchDatabase(name, owner, WithDatabase(owner, name), WithDatabase(app, name));
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(OwnerServerConnectionString);
        await c.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", c);
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                // Sessions of another role (a bot process just stopped) are still closing; FORCE may not end them.
                await Task.Delay(500);
            }
        }
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

    /// <summary>The app role's connection string with server settings for every session (<c>-c name=value</c>).</summary>
    public string AppConnectionStringWith(string serverOptions) =>
        new NpgsqlConnectionStringBuilder(AppConnectionString) { Options = serverOptions, ApplicationName = "bench-" + serverOptions.Replace(' ', '_') }.ConnectionString;

    /// <summary>ANALYZE as the owner (what autovacuum does on its own schedule; the app role may not).</summary>
    public async Task AnalyzeAsync()
    {
        await using var c = new NpgsqlConnection(OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("ANALYZE compliance_instances, workflow_tasks, compliance_masters, legal_entities, users, entity_access, user_roles", c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Statistics state of the instance table (what the planner knows).</summary>
    public async Task<string> InstanceStatsAsync()
    {
        await using var c = new NpgsqlConnection(OwnerConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT format('compliance_instances: %s live rows, reltuples %s, last analyze %s, last autoanalyze %s, autovacuum runs %s',
                          s.n_live_tup, c.reltuples, coalesce(s.last_analyze::text, 'never'), coalesce(s.last_autoanalyze::text, 'never'), s.autovacuum_count)
            FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = 'compliance_instances'
            """, c);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;
}
