using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ComplianceOs.Integration.Tests.Isolation;

[Collection(DatabaseCollection.Name)]
public class TenantIsolationTests(DatabaseFixture fixture)
{
    private static readonly string[] TenantTables =
    [
        "teams_tenant_bindings", "slack_workspace_bindings", "legal_entities", "gst_registrations", "users",
        "user_roles", "entity_access", "audit_entries",
    ];

    [Fact]
    public async Task ScopedToTenantA_EfWithFiltersOff_ReadsNothingOfTenantB()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var b = await TestWorld.CreateTenantAsync(fixture);

        await using var db = fixture.Dbs.ForTenant(a.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();

        Assert.Equal(0, await db.Users.IgnoreQueryFilters().CountAsync(u => u.TenantId == b.TenantId));
        Assert.Equal(0, await db.LegalEntities.IgnoreQueryFilters().CountAsync(e => e.TenantId == b.TenantId));
        Assert.Equal(0, await db.AuditEntries.IgnoreQueryFilters().CountAsync(e => e.TenantId == b.TenantId));
        Assert.Null(await db.Tenants.IgnoreQueryFilters().SingleOrDefaultAsync(t => t.Id == b.TenantId));

        // Positive control: the same queries see tenant A's own rows.
        Assert.Equal(2, await db.Users.IgnoreQueryFilters().CountAsync(u => u.TenantId == a.TenantId));
        Assert.Equal(2, await db.LegalEntities.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task EfTenantFilterAlone_HidesOtherTenants_EvenWhereRowLevelSecurityDoesNotApply()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var b = await TestWorld.CreateTenantAsync(fixture);

        // The owner bypasses RLS, so only the EF "Tenant" filter stands between tenant A and tenant B here.
        await using var ownerDbs = new ComplianceDbFactory(fixture.OwnerConnectionString);
        await using var db = ownerDbs.ForTenant(a.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();

        Assert.All(await db.Users.ToListAsync(), u => Assert.Equal(a.TenantId, u.TenantId));
        Assert.Equal(0, await db.LegalEntities.CountAsync(e => e.TenantId == b.TenantId));
        Assert.Equal(2, await db.LegalEntities.CountAsync());
        Assert.True(await db.LegalEntities.IgnoreQueryFilters([ComplianceDb.TenantFilter]).CountAsync(e => e.TenantId == b.TenantId) > 0);
    }

    [Fact]
    public async Task ScopedToTenantA_RawSelectStar_ReturnsOnlyTenantARows()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var b = await TestWorld.CreateTenantAsync(fixture);

        await using var db = fixture.Dbs.ForTenant(a.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        foreach (var table in TenantTables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT * FROM {table}", connection, (NpgsqlTransaction)tx.GetDbTransaction());
            await using var reader = await cmd.ExecuteReaderAsync();
            var tenantColumn = reader.GetOrdinal("tenant_id");
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                Assert.Equal(a.TenantId, reader.GetGuid(tenantColumn));
            }

            Assert.True(rows > 0, $"{table}: expected tenant A's own rows");
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM users WHERE tenant_id = @b", connection, (NpgsqlTransaction)tx.GetDbTransaction());
        count.Parameters.AddWithValue("b", b.TenantId);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AppRoleWithoutScope_SeesNoTenantRowsAtAll()
    {
        await TestWorld.CreateTenantAsync(fixture);

        await using var c = await fixture.OpenAppAsync();
        foreach (var table in TenantTables.Append("tenants").Append("platform_operators"))
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {table}", c);
            Assert.Equal(0L, await cmd.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task ScopedToTenantA_CannotWriteARowIntoTenantB()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var b = await TestWorld.CreateTenantAsync(fixture);

        await using var db = fixture.Dbs.ForTenant(a.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Users.Add(new User { Id = Guid.NewGuid(), TenantId = b.TenantId, Name = "Intruder", Email = $"x{Guid.NewGuid():N}@example.test" });

        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        var pg = Assert.IsType<PostgresException>(ex.InnerException);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, pg.SqlState);
        Assert.Contains("row-level security", pg.MessageText);
    }

    [Fact]
    public async Task ScopedToTenantA_CannotUpdateTenantBRows()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var b = await TestWorld.CreateTenantAsync(fixture);

        await using (var db = fixture.Dbs.ForTenant(a.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var changed = await db.Database.ExecuteSqlAsync($"UPDATE legal_entities SET name = 'hijacked' WHERE tenant_id = {b.TenantId}");
            Assert.Equal(0, changed);
            await tx.CommitAsync();
        }

        await using var dbB = fixture.Dbs.ForTenant(b.TenantId);
        await using var txB = await dbB.Database.BeginTransactionAsync();
        Assert.DoesNotContain(await dbB.LegalEntities.Select(e => e.Name).ToListAsync(), n => n == "hijacked");
    }

    [Fact]
    public async Task VisibleEntities_IsComposedIntoTheCallersQuery_RunningNoSqlOfItsOwn()
    {
        // Outside a transaction a scoped context refuses any command, so building the query must not run one (a
        // synchronous admin check here once blocked thread-pool threads on every turn).
        var a = await TestWorld.CreateTenantAsync(fixture);
        await using var db = fixture.Dbs.ForTenant(a.TenantId);
        var visible = ComplianceOs.Domain.People.AccessGuard.VisibleEntityIds(db, Guid.NewGuid());

        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.Empty(await visible.ToListAsync());
    }

    [Fact]
    public async Task ScopedContext_RefusesQueriesOutsideATransaction()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        await using var db = fixture.Dbs.ForTenant(a.TenantId);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Users.CountAsync());
        Assert.Contains("outside a transaction", ex.Message);
    }

    [Fact]
    public async Task TenantSetting_EndsWithTheTransaction_AndNeverLeaksThroughThePool()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        await using (var db = fixture.Dbs.ForTenant(a.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var inside = await db.Database.SqlQuery<string>($"SELECT current_setting('app.tenant_id', true) AS \"Value\"").SingleAsync();
            Assert.Equal(a.TenantId.ToString(), inside);
            await tx.CommitAsync();
        }

        // Every pooled connection, reused afterwards without a scope, has no tenant set.
        for (var i = 0; i < 5; i++)
        {
            await using var unscoped = fixture.Dbs.Unscoped();
            var after = await unscoped.Database.SqlQuery<string?>($"SELECT NULLIF(current_setting('app.tenant_id', true), '') AS \"Value\"").SingleAsync();
            Assert.Null(after);
            Assert.Equal(0, await unscoped.Users.IgnoreQueryFilters().CountAsync());
        }
    }

    [Fact]
    public async Task ApplicationRole_IsNeitherOwnerNorSuperuserNorBypassRls()
    {
        await using var c = await fixture.OpenAppAsync();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT r.rolsuper, r.rolbypassrls,
                   (SELECT count(*) FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = current_user)
            FROM pg_roles r WHERE r.rolname = current_user
            """, c);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.False(reader.GetBoolean(0));
        Assert.False(reader.GetBoolean(1));
        Assert.Equal(0L, reader.GetInt64(2));
    }

    [Fact]
    public async Task EveryTenantTable_HasRowLevelSecurityEnabled()
    {
        await using var c = await fixture.OpenOwnerAsync();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT c.relname FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            WHERE c.relkind = 'r' AND NOT c.relrowsecurity
            """, c);
        var unprotected = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            unprotected.Add(reader.GetString(0));
        }

        Assert.Empty(unprotected);
    }

    [Fact]
    public async Task ChannelIds_ResolveToTheirTenant_OnlyWhileActive()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        string teamsId;
        string slackId;
        await using (var db = fixture.Dbs.ForTenant(a.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            teamsId = (await db.TeamsTenantBindings.SingleAsync()).TeamsTenantId;
            slackId = (await db.SlackWorkspaceBindings.SingleAsync()).SlackTeamId;
        }

        await using var unscoped = fixture.Dbs.Unscoped();
        Assert.Equal(a.TenantId, await Resolve(unscoped, "teams", teamsId.ToUpperInvariant()));
        Assert.Equal(a.TenantId, await Resolve(unscoped, "slack", slackId.ToLowerInvariant()));
        Assert.Null(await Resolve(unscoped, "teams", Guid.NewGuid().ToString()));
        Assert.Null(await Resolve(unscoped, "slack", teamsId));

        await using (var platform = fixture.Dbs.ForPlatform())
        {
            await using var tx = await platform.Database.BeginTransactionAsync();
            await platform.Database.ExecuteSqlAsync($"UPDATE tenants SET is_active = false WHERE id = {a.TenantId}");
            await tx.CommitAsync();
        }

        Assert.Null(await Resolve(unscoped, "teams", teamsId));

        static Task<Guid?> Resolve(ComplianceDb db, string channel, string id) =>
            db.Database.SqlQuery<Guid?>($"SELECT app_resolve_tenant({channel}, {id}) AS \"Value\"").SingleAsync();
    }

    [Fact]
    public async Task OwnerSeesOnlyGrantedEntities_AdminSeesAll()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        await using var db = fixture.Dbs.ForTenant(a.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();

        Assert.Equal([a.FirstEntityId], await AccessGuard.VisibleEntityIds(db, a.OwnerId).ToListAsync());
        Assert.Equal(
            new[] { a.FirstEntityId, a.SecondEntityId }.Order(),
            (await AccessGuard.VisibleEntityIds(db, a.AdminId).ToListAsync()).Order());
    }

    [Fact]
    public async Task ChildRows_CannotReferenceAnotherTenantsRows()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var b = await TestWorld.CreateTenantAsync(fixture);

        // Composite (tenant_id, id) foreign keys: tenant A cannot grant its user an entity of tenant B, even by id.
        await using var db = fixture.Dbs.ForTenant(a.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        db.EntityAccess.Add(new EntityAccess { TenantId = a.TenantId, UserId = a.OwnerId, EntityId = b.FirstEntityId });
        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, Assert.IsType<PostgresException>(ex.InnerException).SqlState);
    }
}
