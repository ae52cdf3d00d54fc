using Pgvector.EntityFrameworkCore;
using Pgvector.Npgsql;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceOs.Domain.Persistence;

/// <summary>Creates <see cref="ComplianceDb"/> instances for a scope; one per unit of work.</summary>
public sealed class ComplianceDbFactory : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly DbContextOptions<ComplianceDb> _options;

    public ComplianceDbFactory(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            // The same few dozen statements run on every turn: prepared once per connection, PostgreSQL stops
            // parsing and planning them each time (it was most of its CPU per chat turn).
            builder.ConnectionStringBuilder.MaxAutoPrepare = 128;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            // Nothing we set outlives its transaction (set_config is local, temp tables drop on commit), so a
            // pooled connection needs no DISCARD ALL when it is handed out again.
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        builder.UseNodaTime();
        builder.UseVector();
        _dataSource = builder.Build();
        _options = Configure(new DbContextOptionsBuilder<ComplianceDb>(), _dataSource).Options;
    }

    public NpgsqlDataSource DataSource => _dataSource;

    public ComplianceDb ForTenant(Guid tenantId) => new(_options, DbScope.Tenant(tenantId));

    public ComplianceDb ForPlatform() => new(_options, DbScope.Platform());

    public ComplianceDb ForPlatformWithinTenant(Guid tenantId) => new(_options, DbScope.PlatformWithinTenant(tenantId));

    public ComplianceDb Unscoped() => new(_options, DbScope.Unscoped);

    public ComplianceDb For(DbScope scope) => new(_options, scope);

    internal static DbContextOptionsBuilder<ComplianceDb> Configure(DbContextOptionsBuilder<ComplianceDb> builder, NpgsqlDataSource dataSource) =>
        builder
            .UseNpgsql(dataSource, o =>
            {
                o.UseNodaTime();
                o.UseVector();
                o.MigrationsHistoryTable("__EFMigrationsHistory");
            })
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(TenantScopeInterceptor.Instance);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
