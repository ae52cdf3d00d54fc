using Pgvector.EntityFrameworkCore;
using Pgvector.Npgsql;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace ComplianceOs.Domain.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model; it never connects.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ComplianceDb>
{
    public ComplianceDb CreateDbContext(string[] args)
    {
        var builder = new NpgsqlDataSourceBuilder("Host=127.0.0.1;Database=design_time");
        builder.UseNodaTime();
        builder.UseVector();
        var options = ComplianceDbFactory.Configure(new(), builder.Build()).Options;
        return new ComplianceDb(options, DbScope.Unscoped);
    }
}
