using ComplianceOs.Domain.Persistence;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Integration.Tests.Persistence;

[Collection(DatabaseCollection.Name)]
public class MigrationTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task Migrations_ApplyToAnEmptyDatabase_AndASecondRunIsANoOp()
    {
        var settings = TestSettings.Load();
        var name = $"complianceos_mig_{Guid.NewGuid():N}"[..36];
        await TestDatabases.CreateAsync(settings.OwnerConnectionString, name);
        try
        {
            var owner = TestDatabases.WithDatabase(settings.OwnerConnectionString, name);
            var applied = await DatabaseMigrator.MigrateAsync(owner);
            var again = await DatabaseMigrator.MigrateAsync(owner);

            await using var dbs = new ComplianceDbFactory(TestDatabases.WithDatabase(settings.AppConnectionString, name));
            await using var db = dbs.Unscoped();
            var all = db.Database.GetMigrations().ToList();
            Assert.NotEmpty(all);
            Assert.Equal(all, applied);
            Assert.Empty(again);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            await TestDatabases.DropAsync(settings.OwnerConnectionString, name);
        }
    }

    [Fact]
    public async Task TheFixtureDatabase_WasBuiltByEveryMigration()
    {
        await using var db = fixture.Dbs.Unscoped();
        Assert.Equal(db.Database.GetMigrations(), fixture.AppliedMigrations);
    }
}
