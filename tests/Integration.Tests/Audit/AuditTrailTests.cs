using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceOs.Integration.Tests.Audit;

[Collection(DatabaseCollection.Name)]
public class AuditTrailTests(DatabaseFixture fixture)
{
    [Theory]
    [InlineData("UPDATE audit_entries SET actor_name = 'someone else'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("TRUNCATE audit_entries")]
    public async Task ApplicationRole_CannotChangeOrRemoveAuditEntries(string sql)
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var before = await CountAsync(a.TenantId);

        await using (var db = fixture.Dbs.ForTenant(a.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var ex = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
            Assert.Contains("permission denied", ex.MessageText);
        }

        Assert.Equal(before, await CountAsync(a.TenantId));
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor_name = 'someone else'", "UPDATE")]
    [InlineData("DELETE FROM audit_entries", "DELETE")]
    [InlineData("TRUNCATE audit_entries", "TRUNCATE")]
    public async Task Trigger_RefusesChangesEvenForTheTableOwner(string sql, string operation)
    {
        await TestWorld.CreateTenantAsync(fixture);

        await using var c = await fixture.OpenOwnerAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        var ex = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
        Assert.Equal($"audit_entries is append-only: {operation} is not allowed", ex.MessageText);
    }

    [Fact]
    public async Task Chain_OfANewTenant_Verifies()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);

        var report = await VerifyAsync(a.TenantId);

        Assert.True(report.IsIntact, report.FirstBreak?.Reason);
        Assert.Equal(5, report.EntriesChecked); // tenant, admin, two entities, owner
    }

    [Fact]
    public async Task TamperedSnapshot_IsFoundAtItsEntry()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);

        await TamperAsync(a.TenantId, 3, "UPDATE audit_entries SET after = jsonb_set(after, '{name}', '\"Renamed Co\"')");

        var report = await VerifyAsync(a.TenantId);
        Assert.False(report.IsIntact);
        Assert.Equal(3, report.FirstBreak!.Sequence);
        Assert.Contains("altered", report.FirstBreak.Reason);
        Assert.Equal(2, report.EntriesChecked);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET occurred_at = occurred_at + interval '1 microsecond'")]
    [InlineData("UPDATE audit_entries SET actor_kind = 'Operator'")]
    [InlineData("UPDATE audit_entries SET action = 'UserCreated '")]
    [InlineData("UPDATE audit_entries SET correlation_id = NULL")]
    public async Task AnyTamperedColumn_IsFound(string update)
    {
        var a = await TestWorld.CreateTenantAsync(fixture);

        await TamperAsync(a.TenantId, 2, update);

        var report = await VerifyAsync(a.TenantId);
        Assert.Equal(2, report.FirstBreak?.Sequence);
    }

    [Fact]
    public async Task RemovedEntry_IsFoundAsAGap()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);

        await TamperAsync(a.TenantId, 2, "DELETE FROM audit_entries");

        var report = await VerifyAsync(a.TenantId);
        Assert.Equal(2, report.FirstBreak?.Sequence);
        Assert.Contains("missing", report.FirstBreak!.Reason);
    }

    [Fact]
    public async Task AlteredAndRehashedEntry_BreaksTheLinkFromTheNextEntry()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);

        // A forger who alters entry 2 and recomputes its own hash still breaks entry 3's link to it.
        await TamperAsync(a.TenantId, 2, "UPDATE audit_entries SET actor_name = 'forger'");
        var forgedHash = await RecomputeHashAsync(a.TenantId, 2);
        await TamperAsync(a.TenantId, 2, $"UPDATE audit_entries SET hash = '{forgedHash}'");

        var report = await VerifyAsync(a.TenantId);
        Assert.Equal(3, report.FirstBreak?.Sequence);
        Assert.Contains("previous hash", report.FirstBreak!.Reason);
    }

    [Fact]
    public async Task Chain_Verifies_After100ConcurrentCommandsInOneTenant()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var handler = fixture.Get<CreateUserHandler>();

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => handler.HandleAsync(
            a.AsAdmin(),
            new CreateUserCommand($"Person {i}", $"person{i}.{a.TenantId:N}@example.test", ["Viewer"], EntityIds: [a.FirstEntityId])))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        var report = await VerifyAsync(a.TenantId);
        Assert.True(report.IsIntact, report.FirstBreak?.Reason);
        Assert.Equal(105, report.EntriesChecked);

        await using var db = fixture.Dbs.ForTenant(a.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var sequences = await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 105).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task Entry_RecordsActorChannelCorrelationAndSnapshots()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);

        await using var db = fixture.Dbs.ForTenant(a.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var entry = await db.AuditEntries.Where(e => e.Action == AuditAction.UserCreated && e.TargetId == a.OwnerId.ToString()).SingleAsync();
        Assert.Equal("test", entry.ActorName);
        Assert.Equal("test", entry.CorrelationId);
        Assert.Null(entry.Before);
        Assert.Contains("\"roles\": [\"Owner\"]", entry.After);
        Assert.Contains(a.FirstEntityId.ToString(), entry.After);
    }

    private async Task<AuditChainReport> VerifyAsync(Guid tenantId)
    {
        await using var db = fixture.Dbs.ForTenant(tenantId);
        return await fixture.Get<AuditChainVerifier>().VerifyAsync(db, tenantId);
    }

    private async Task<string> RecomputeHashAsync(Guid tenantId, long sequence)
    {
        await using var db = fixture.Dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var e = await db.AuditEntries.SingleAsync(x => x.Sequence == sequence);
        e.Before = await db.Database.SqlQuery<string?>($"SELECT before::text AS \"Value\" FROM audit_entries WHERE sequence = {sequence}").SingleAsync();
        e.After = await db.Database.SqlQuery<string?>($"SELECT after::text AS \"Value\" FROM audit_entries WHERE sequence = {sequence}").SingleAsync();
        return AuditCanonicalForm.ComputeHash(e);
    }

    private async Task<int> CountAsync(Guid tenantId)
    {
        await using var db = fixture.Dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.CountAsync();
    }

    /// <summary>
    /// What only someone with DDL rights on the table could do: switch the append-only trigger off for one
    /// transaction (the change is invisible to other sessions until commit, and the trigger is back on by then).
    /// </summary>
    private async Task TamperAsync(Guid tenantId, long sequence, string statement)
    {
        await using var c = await fixture.OpenOwnerAsync();
        await using var tx = await c.BeginTransactionAsync();
        await using (var off = new NpgsqlCommand("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete", c, tx))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using (var change = new NpgsqlCommand($"{statement} WHERE tenant_id = @t AND sequence = @s", c, tx))
        {
            change.Parameters.AddWithValue("t", tenantId);
            change.Parameters.AddWithValue("s", sequence);
            Assert.Equal(1, await change.ExecuteNonQueryAsync());
        }

        await using (var on = new NpgsqlCommand("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete", c, tx))
        {
            await on.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }
}
