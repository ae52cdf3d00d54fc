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
        builder.UseNodaTime();
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
                o.MigrationsHistoryTable("__EFMigrationsHistory");
            })
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(TenantScopeInterceptor.Instance);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
