using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities.CreateLegalEntity;
using ComplianceOs.Domain.Entities.Identifiers;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Domain.Tenancy.CreateTenant;

namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>A tenant of one test: its admin, two entities and an owner granted only the first.</summary>
public sealed record TestTenant(Guid TenantId, Guid AdminId, Guid FirstEntityId, Guid SecondEntityId, Guid OwnerId)
{
    public CommandContext AsSystem() => new(TenantId, Actor.System("test"), Channel.Cli, "test");

    public CommandContext AsAdmin() => new(TenantId, Actor.User(AdminId, "Admin"), Channel.Portal, "test");

    public CommandContext AsOwner() => new(TenantId, Actor.User(OwnerId, "Owner"), Channel.Teams, "test");
}

/// <summary>Intent-named factory methods; every call creates fresh, uniquely named rows.</summary>
public static class TestWorld
{
    private static int _panCounter = Random.Shared.Next(1000, 5000);

    public static async Task<TestTenant> CreateTenantAsync(DatabaseFixture db, string? name = null, string? timeZone = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var tenant = await db.Get<CreateTenantHandler>().HandleAsync(
            new PlatformContext(Actor.System("test"), Channel.Cli),
            new CreateTenantCommand(name ?? $"Tenant {suffix}", timeZone, [Guid.NewGuid().ToString()], [$"T{suffix.ToUpperInvariant()}"]));
        Assert.True(tenant.Succeeded, tenant.ToString());
        var tenantId = tenant.Value!.Id;
        var system = new CommandContext(tenantId, Actor.System("test"), Channel.Cli, "test");

        var admin = await CreateUserAsync(db, system, "Admin", ["Admin"], []);
        var first = await CreateEntityAsync(db, system, "West Bengal");
        var second = await CreateEntityAsync(db, system, "Gujarat");
        var owner = await CreateUserAsync(db, system, "Owner", ["Owner"], [first]);
        return new TestTenant(tenantId, admin, first, second, owner);
    }

    public static async Task<Guid> CreateUserAsync(DatabaseFixture db, CommandContext ctx, string name, string[] roles, Guid[] entities)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var user = await db.Get<CreateUserHandler>().HandleAsync(ctx, new CreateUserCommand(
            $"{name} {suffix}", $"{name.ToLowerInvariant()}.{suffix}@example.test", roles, Guid.NewGuid().ToString(), null, null, entities));
        Assert.True(user.Succeeded, user.ToString());
        return user.Value!.Id;
    }

    public static async Task<Guid> CreateEntityAsync(DatabaseFixture db, CommandContext ctx, string state)
    {
        var cmd = ValidCompany(state);
        var entity = await db.Get<CreateLegalEntityHandler>().HandleAsync(ctx, cmd);
        Assert.True(entity.Succeeded, entity.ToString());
        return entity.Value!.Id;
    }

    /// <summary>A private limited company with a fresh PAN and a GSTIN with a correct checksum.</summary>
    public static CreateLegalEntityCommand ValidCompany(string state = "Maharashtra")
    {
        Assert.True(IndianStates.TryResolve(state, out var code));
        var pan = $"AAACT{Interlocked.Increment(ref _panCounter) % 10000:D4}Q";
        var body = $"{code}{pan}1Z";
        return new CreateLegalEntityCommand(
            Name: $"Test Co {Guid.NewGuid():N}"[..20],
            Kind: "PrivateLimited",
            State: code,
            Pan: pan,
            Gstins: [new(body + IdentifierRules.GstinCheckCharacter(body), "Monthly")]);
    }
}
