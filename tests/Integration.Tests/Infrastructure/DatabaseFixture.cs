using ComplianceOs.Domain;
using ComplianceOs.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>
/// A brand-new database for the test run on the project's PostgreSQL (started by ./test.sh), migrated from empty
/// by the checked-in migrations as the schema owner; the tests then connect as the application role. Dropped at
/// the end. Tests never rely on each other's rows: each creates its own tenants.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private ServiceProvider? _services;

    public string DatabaseName { get; } = $"complianceos_test_{Guid.NewGuid():N}"[..40];

    public string OwnerConnectionString { get; private set; } = string.Empty;

    public string AppConnectionString { get; private set; } = string.Empty;

    public IReadOnlyList<string> AppliedMigrations { get; private set; } = [];

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("not initialised");

    public ComplianceDbFactory Dbs => Services.GetRequiredService<ComplianceDbFactory>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var settings = TestSettings.Load();
        await TestDatabases.CreateAsync(settings.OwnerConnectionString, DatabaseName);
        OwnerConnectionString = TestDatabases.WithDatabase(settings.OwnerConnectionString, DatabaseName);
        AppConnectionString = TestDatabases.WithDatabase(settings.AppConnectionString, DatabaseName);
        AppliedMigrations = await DatabaseMigrator.MigrateAsync(OwnerConnectionString);
        await ComplianceOs.Jobs.Hosting.HangfireSchema.InstallAsync(OwnerConnectionString);

        // Hosts built by tests (WebApplicationFactory) run no Hangfire server: recurring jobs firing in the middle
        // of other tests would change the shared database under them. Job tests start their own servers.
        Environment.SetEnvironmentVariable("Jobs__ServerEnabled", "false");

        _services = new ServiceCollection().AddDomainModule(AppConnectionString).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await TestDatabases.DropAsync(TestSettings.Load().OwnerConnectionString, DatabaseName);
    }

    /// <summary>A raw connection as the schema owner (bypasses RLS; used to tamper, as an attacker with DDL rights would).</summary>
    public async Task<NpgsqlConnection> OpenOwnerAsync()
    {
        var c = new NpgsqlConnection(OwnerConnectionString);
        await c.OpenAsync();
        return c;
    }

    /// <summary>A raw connection as the application role, with no scope set.</summary>
    public async Task<NpgsqlConnection> OpenAppAsync()
    {
        var c = new NpgsqlConnection(AppConnectionString);
        await c.OpenAsync();
        return c;
    }
}

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
