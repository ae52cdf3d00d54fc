using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities.CreateLegalEntity;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Masters.SeedCatalog;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>
/// A tenant with the global catalog, a monthly-GST company (TAN, PF, ESI, PT Maharashtra) and its people — owner,
/// approver, viewer, an admin — plus an owner of a second entity only; instances generated for a window.
/// </summary>
public sealed record WorkflowWorld(
    TestTenant Tenant,
    Guid CompanyId,
    Guid OwnerId,
    Guid ApproverId,
    Guid SecondApproverId,
    Guid ViewerId,
    Guid OutsiderId,
    LocalDate Today)
{
    public static readonly LocalDate DefaultToday = new(2025, 11, 22);

    public CommandContext As(Guid userId) => new(Tenant.TenantId, Actor.User(userId, "someone"), Channel.Teams, $"test-{Guid.NewGuid():N}");

    public static async Task EnsureCatalogAsync(DatabaseFixture db)
    {
        var seeded = await db.Get<SeedCatalogHandler>().HandleAsync(new PlatformContext(Actor.System("test"), Channel.Cli));
        Assert.True(seeded.Succeeded, seeded.ToString());
    }

    public static async Task<WorkflowWorld> CreateAsync(DatabaseFixture db, LocalDate? today = null, bool generate = true)
    {
        await EnsureCatalogAsync(db);
        var t = await TestWorld.CreateTenantAsync(db);
        var system = t.AsSystem();
        var company = await db.Get<CreateLegalEntityHandler>().HandleAsync(system, TestWorld.ValidCompany("Maharashtra") with
        {
            Tan = "MUMT12345A",
            PfApplicable = true,
            EsiApplicable = true,
            ProfessionalTaxStates = ["27"],
            AnnualTurnoverCrore = 50m,
        });
        Assert.True(company.Succeeded, company.ToString());
        var companyId = company.Value!.Id;
        var owner = await TestWorld.CreateUserAsync(db, system, "Owner", ["Owner"], [companyId]);
        var approver = await TestWorld.CreateUserAsync(db, system, "Approver", ["Approver"], [companyId]);
        var approver2 = await TestWorld.CreateUserAsync(db, system, "Checker", ["Approver"], [companyId]);
        var viewer = await TestWorld.CreateUserAsync(db, system, "Viewer", ["Viewer"], [companyId]);
        var outsider = await TestWorld.CreateUserAsync(db, system, "Outsider", ["Owner", "Approver"], [t.SecondEntityId]);
        var day = today ?? DefaultToday;
        if (generate)
        {
            var fyStart = new LocalDate(day.Month >= 4 ? day.Year : day.Year - 1, 4, 1);
            var generated = await db.Get<GenerateInstancesHandler>().HandleAsync(system, new GenerateInstancesCommand(fyStart, day.PlusDays(60), day, companyId));
            Assert.True(generated.Succeeded, generated.ToString());
        }

        return new WorkflowWorld(t, companyId, owner, approver, approver2, viewer, outsider, day);
    }

    public async Task<ComplianceInstance> InstanceAsync(DatabaseFixture db, string code, string periodKey)
    {
        await using var ctx = db.Dbs.ForTenant(Tenant.TenantId);
        await using var tx = await ctx.Database.BeginTransactionAsync();
        var master = await ctx.ComplianceMasters.Where(m => m.Code == code).Select(m => m.Id).SingleAsync();
        return await ctx.ComplianceInstances.AsNoTracking().SingleAsync(i => i.EntityId == CompanyId && i.MasterId == master && i.PeriodKey == periodKey);
    }
}
