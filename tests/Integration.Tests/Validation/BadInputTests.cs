using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities.CreateLegalEntity;
using ComplianceOs.Domain.Entities.RecordAgm;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Domain.Tenancy.CreateTenant;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Validation;

/// <summary>Bad input is refused with a message naming the field, and nothing at all is written (not even audit).</summary>
[Collection(DatabaseCollection.Name)]
public class BadInputTests(DatabaseFixture fixture)
{
    [Theory]
    [InlineData("27AAACA1234F1ZB", "gstins[0].gstin", "checksum")]
    [InlineData("40AAACA1234F1ZC", "gstins[0].gstin", "state code 40")]
    [InlineData("27AAACA1234F1Z", "gstins[0].gstin", "15")]
    public async Task CreateLegalEntity_WithABadGstin_IsRefusedAndWritesNothing(string gstin, string field, string expected)
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var before = await SnapshotCountsAsync(a.TenantId);
        var cmd = TestWorld.ValidCompany() with { Pan = "AAACA1234F", Gstins = [new(gstin, "Monthly")] };

        var result = await fixture.Get<CreateLegalEntityHandler>().HandleAsync(a.AsAdmin(), cmd);

        var error = Assert.IsType<ValidationError>(Assert.Single(result.Errors));
        Assert.Equal(field, error.Field);
        Assert.Contains(expected, error.Message);
        Assert.StartsWith(field + ":", error.Message);
        Assert.Equal(before, await SnapshotCountsAsync(a.TenantId));
    }

    [Theory]
    [InlineData("AAACA123F", "not a PAN")]
    [InlineData("AAAZA1234F", "holder type")]
    [InlineData("AAAFA1234F", "PrivateLimited entity's PAN has 'C'")]
    public async Task CreateLegalEntity_WithABadPan_IsRefusedAndWritesNothing(string pan, string expected)
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var before = await SnapshotCountsAsync(a.TenantId);

        var result = await fixture.Get<CreateLegalEntityHandler>().HandleAsync(a.AsAdmin(), TestWorld.ValidCompany() with { Pan = pan, Gstins = [] });

        var error = Assert.IsType<ValidationError>(Assert.Single(result.Errors));
        Assert.Equal("pan", error.Field);
        Assert.Contains(expected, error.Message);
        Assert.Equal(before, await SnapshotCountsAsync(a.TenantId));
    }

    [Fact]
    public async Task CreateUser_WithAnUnknownRole_IsRefusedAndWritesNothing()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var before = await SnapshotCountsAsync(a.TenantId);

        var result = await fixture.Get<CreateUserHandler>().HandleAsync(
            a.AsAdmin(), new CreateUserCommand("Dev Patel", "dev@example.test", ["Owner", "Superuser"]));

        var error = Assert.IsType<ValidationError>(Assert.Single(result.Errors));
        Assert.Equal("roles[1]", error.Field);
        Assert.Equal("roles[1]: 'Superuser' is not one of Admin, Approver, Owner, Viewer", error.Message);
        Assert.Equal(before, await SnapshotCountsAsync(a.TenantId));
    }

    [Fact]
    public async Task CreateUser_WithADuplicateEmail_IsAConflictAndWritesNothing()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var handler = fixture.Get<CreateUserHandler>();
        var first = await handler.HandleAsync(a.AsAdmin(), new CreateUserCommand("Dev Patel", "Dev@Example.test", ["Owner"]));
        Assert.True(first.Succeeded);
        var before = await SnapshotCountsAsync(a.TenantId);

        var second = await handler.HandleAsync(a.AsAdmin(), new CreateUserCommand("Dev Patel Again", "dev@example.test", ["Viewer"]));

        var error = Assert.IsType<ConflictError>(Assert.Single(second.Errors));
        Assert.Equal("email", error.Field);
        Assert.Equal(before, await SnapshotCountsAsync(a.TenantId));
    }

    [Fact]
    public async Task CreateUser_GrantingAnotherTenantsEntity_IsRefusedAndWritesNothing()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var b = await TestWorld.CreateTenantAsync(fixture);
        var before = await SnapshotCountsAsync(a.TenantId);

        var result = await fixture.Get<CreateUserHandler>().HandleAsync(
            a.AsAdmin(), new CreateUserCommand("Dev Patel", "dev@example.test", ["Owner"], EntityIds: [b.FirstEntityId]));

        Assert.Equal("entityIds", Assert.IsType<ValidationError>(Assert.Single(result.Errors)).Field);
        Assert.Equal(before, await SnapshotCountsAsync(a.TenantId));
    }

    [Fact]
    public async Task CreateLegalEntity_ByAnOwner_IsForbiddenAndWritesNothing()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var before = await SnapshotCountsAsync(a.TenantId);

        var result = await fixture.Get<CreateLegalEntityHandler>().HandleAsync(a.AsOwner(), TestWorld.ValidCompany());

        Assert.IsType<ForbiddenError>(Assert.Single(result.Errors));
        Assert.Equal(before, await SnapshotCountsAsync(a.TenantId));
    }

    [Fact]
    public async Task CreateLegalEntity_WithADuplicateGstinInTheTenant_IsAConflictAndWritesNothing()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        var cmd = TestWorld.ValidCompany();
        Assert.True((await fixture.Get<CreateLegalEntityHandler>().HandleAsync(a.AsAdmin(), cmd)).Succeeded);
        var before = await SnapshotCountsAsync(a.TenantId);

        var again = await fixture.Get<CreateLegalEntityHandler>().HandleAsync(a.AsAdmin(), cmd with { Name = "Another name" });

        Assert.Equal("gstins", Assert.IsType<ConflictError>(Assert.Single(again.Errors)).Field);
        Assert.Equal(before, await SnapshotCountsAsync(a.TenantId));
    }

    [Fact]
    public async Task CreateTenant_WithABadTimeZoneAndChannelIds_NamesEachField()
    {
        var result = await fixture.Get<CreateTenantHandler>().HandleAsync(
            new PlatformContext(Actor.System("test"), Channel.Cli),
            new CreateTenantCommand("Bad Co", "India/Mumbai", ["not-a-guid"], ["acme"]));

        Assert.Equal(
            ["timeZone", "teamsTenantIds[0]", "slackTeamIds[0]"],
            result.Errors.OfType<ValidationError>().Select(e => e.Field));
    }

    [Fact]
    public async Task CreateTenant_ReusingAnotherTenantsTeamsId_IsAConflictAndWritesNothing()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);
        string teamsId;
        await using (var db = fixture.Dbs.ForTenant(a.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            teamsId = (await db.TeamsTenantBindings.SingleAsync()).TeamsTenantId;
        }

        var name = $"Copycat {Guid.NewGuid():N}";
        var result = await fixture.Get<CreateTenantHandler>().HandleAsync(
            new PlatformContext(Actor.System("test"), Channel.Cli), new CreateTenantCommand(name, null, [teamsId]));

        Assert.Equal("teamsTenantIds", Assert.IsType<ConflictError>(Assert.Single(result.Errors)).Field);
        await using var platform = fixture.Dbs.ForPlatform();
        await using var ptx = await platform.Database.BeginTransactionAsync();
        Assert.False(await platform.Tenants.AnyAsync(t => t.Name == name));
    }

    [Fact]
    public async Task RecordAgm_BeforeTheYearEnds_NamesTheField()
    {
        var a = await TestWorld.CreateTenantAsync(fixture);

        var result = await fixture.Get<RecordAgmHandler>().HandleAsync(
            a.AsAdmin(), new RecordAgmCommand(a.FirstEntityId, new LocalDate(2025, 3, 31), new LocalDate(2025, 3, 1)));

        Assert.Equal("heldOn", Assert.IsType<ValidationError>(Assert.Single(result.Errors)).Field);
    }

    private async Task<(int Entities, int Gstins, int Users, int Roles, int Access, int Audit)> SnapshotCountsAsync(Guid tenantId)
    {
        await using var db = fixture.Dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return (
            await db.LegalEntities.CountAsync(),
            await db.GstRegistrations.CountAsync(),
            await db.Users.CountAsync(),
            await db.UserRoles.CountAsync(),
            await db.EntityAccess.CountAsync(),
            await db.AuditEntries.CountAsync());
    }
}
