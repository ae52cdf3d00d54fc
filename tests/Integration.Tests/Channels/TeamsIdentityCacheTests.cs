using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Integration.Tests.Teams.Auth;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Channels;

[Collection(DatabaseCollection.Name)]
public class TeamsIdentityCacheTests(DatabaseFixture fixture)
{

    [Fact]
    public async Task APersonFoundByAadId_IsRememberedBriefly_AnUnknownOneIsNot()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var resolver = new TeamsIdentityResolver(fixture.Dbs, fixture.Get<AuditLog>(), clock);
        string aad;
        await using (var db = fixture.Dbs.ForTenant(DemoWorld.Bharat.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            aad = (await db.Users.SingleAsync(u => u.Id == DemoWorld.Bharat.MeeraId)).AadObjectId!;
        }

        var first = await resolver.ResolveAsync(DemoWorld.Bharat.TeamsTenantId, aad, null, "c1");
        Assert.Equal(DemoWorld.Bharat.MeeraId, first!.User!.Id);

        // Deactivated in the database: within the cache window the same identity comes back…
        await SetActiveAsync(false);
        try
        {
            Assert.Same(first, await resolver.ResolveAsync(DemoWorld.Bharat.TeamsTenantId, aad.ToUpperInvariant(), null, "c2"));

            // …and once it has passed, the database decides.
            clock.Advance(TeamsIdentityResolver.CacheFor + TimeSpan.FromSeconds(1));
            Assert.Null((await resolver.ResolveAsync(DemoWorld.Bharat.TeamsTenantId, aad, null, "c3"))!.User);

            // Not remembered while unknown: back in service, found at once.
            await SetActiveAsync(true);
            Assert.Equal(DemoWorld.Bharat.MeeraId, (await resolver.ResolveAsync(DemoWorld.Bharat.TeamsTenantId, aad, null, "c4"))!.User!.Id);
        }
        finally
        {
            await SetActiveAsync(true);
        }
    }

    private async Task SetActiveAsync(bool active)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Bharat.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Users.Where(u => u.Id == DemoWorld.Bharat.MeeraId).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, active));
        await tx.CommitAsync();
    }
}
