using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Seeding;

[Collection(DatabaseCollection.Name)]
public class DemoSeedTests(DatabaseFixture fixture)
{
    private static readonly LocalDate Today = new(2026, 11, 22);

    [Fact]
    public async Task Seed_CreatesBothDemoTenants_AsTheIssueDescribesThem()
    {
        await fixture.Get<DemoSeed>().RunAsync(Today);

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var tenant = await db.Tenants.Include(t => t.TeamsTenants).Include(t => t.SlackWorkspaces).SingleAsync();
        Assert.Equal("Acme India Pvt Ltd", tenant.Name);
        Assert.Equal("Asia/Kolkata", tenant.TimeZone);
        Assert.Equal(DemoWorld.Acme.TeamsTenantId, Assert.Single(tenant.TeamsTenants).TeamsTenantId);
        Assert.Equal("T0ACME001", Assert.Single(tenant.SlackWorkspaces).SlackTeamId);

        var entities = await db.LegalEntities.Include(e => e.GstRegistrations).Include(e => e.AgmRecords).OrderBy(e => e.Name).ToListAsync();
        Assert.Equal(["Acme India Pvt Ltd", "Acme Services LLP"], entities.Select(e => e.Name));
        var india = entities[0];
        Assert.Equal((EntityKind.PrivateLimited, "27", "AAACA1234F"), (india.Kind, india.StateCode, india.Pan));
        Assert.Equal(("27AAACA1234F1ZA", GstRegime.Monthly), (india.GstRegistrations[0].Gstin, india.GstRegistrations[0].Regime));
        Assert.True(india.PfApplicable && india.EsiApplicable && india.TaxAuditApplicable);
        Assert.Equal(["27"], india.ProfessionalTaxStates);
        Assert.Equal(DemoWorld.Acme.RahulId, india.EscalationContactUserId);
        Assert.Equal(DemoWorld.Acme.AnitaId, india.DirectorUserId);
        Assert.Equal(new LocalDate(2026, 9, 26), Assert.Single(india.AgmRecords).HeldOn);
        var llp = entities[1];
        Assert.Equal((EntityKind.Llp, "29", "AAAFA5678K"), (llp.Kind, llp.StateCode, llp.Pan));
        Assert.Equal(("29AAAFA5678K1Z1", GstRegime.Qrmp), (llp.GstRegistrations[0].Gstin, llp.GstRegistrations[0].Regime));
        Assert.Equal(["29"], llp.ProfessionalTaxStates);

        var people = await db.Users.Include(u => u.Roles).Include(u => u.EntityAccess).ToDictionaryAsync(u => u.Name);
        Assert.Equal(["Anita Desai", "Priya Sharma", "Rahul Mehta", "Vikram Rao"], people.Keys.Order());
        Assert.Equal("a1c3e5f7-1111-4a2b-8c3d-000000000101", people["Priya Sharma"].AadObjectId);
        Assert.Equal("U0PRIYA01", people["Priya Sharma"].SlackUserId);
        Assert.Equal("priya.sharma@acme.example", people["Priya Sharma"].Email);
        Assert.True(people["Anita Desai"].HasRole(UserRole.Admin));
        Assert.True(people["Rahul Mehta"].HasRole(UserRole.Approver));

        Assert.Equal([DemoWorld.Acme.IndiaEntityId], await AccessGuard.VisibleEntityIds(db, DemoWorld.Acme.PriyaId).ToListAsync());
        Assert.Equal([DemoWorld.Acme.LlpEntityId], await AccessGuard.VisibleEntityIds(db, DemoWorld.Acme.VikramId).ToListAsync());
        Assert.Equal(2, await AccessGuard.VisibleEntityIds(db, DemoWorld.Acme.RahulId).CountAsync());
    }

    [Fact]
    public async Task Seed_CreatesBharatTraders_SeparateFromAcme()
    {
        await fixture.Get<DemoSeed>().RunAsync(Today);

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Bharat.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var entity = await db.LegalEntities.Include(e => e.GstRegistrations).SingleAsync();
        Assert.Equal(("Bharat Traders Pvt Ltd", "24", "AABCB4321M", "24AABCB4321M1ZX"), (entity.Name, entity.StateCode, entity.Pan, entity.GstRegistrations[0].Gstin));
        var people = await db.Users.Include(u => u.Roles).OrderBy(u => u.Name).ToListAsync();
        Assert.Equal(["Meera Nair", "Suresh Iyer"], people.Select(p => p.Name));
        Assert.True(people[1].HasRole(UserRole.Owner) && people[1].HasRole(UserRole.Admin));
        Assert.True(people[0].HasRole(UserRole.Approver));
        Assert.Equal(0, await db.Users.IgnoreQueryFilters().CountAsync(u => u.TenantId == DemoWorld.Acme.TenantId));
    }

    [Fact]
    public async Task Seed_RunTwice_WritesNothingTheSecondTime()
    {
        await fixture.Get<DemoSeed>().RunAsync(Today);
        var before = await AuditCountAsync(DemoWorld.Acme.TenantId);

        var lines = await fixture.Get<DemoSeed>().RunAsync(Today);

        Assert.Equal(before, await AuditCountAsync(DemoWorld.Acme.TenantId));
        Assert.Contains("already there: tenant Acme India Pvt Ltd", lines);
        Assert.Contains("already there: user Priya Sharma", lines);
    }

    [Fact]
    public async Task Seed_LeavesIntactAuditChains()
    {
        await fixture.Get<DemoSeed>().RunAsync(Today);
        var verifier = fixture.Get<AuditChainVerifier>();

        foreach (var tenantId in new[] { DemoWorld.Acme.TenantId, DemoWorld.Bharat.TenantId })
        {
            await using var db = fixture.Dbs.ForTenant(tenantId);
            var report = await verifier.VerifyAsync(db, tenantId);
            Assert.True(report.IsIntact, report.FirstBreak?.Reason);
            Assert.True(report.EntriesChecked > 5);
        }

        await using var platform = fixture.Dbs.ForPlatform();
        var platformReport = await verifier.VerifyAsync(platform, AuditLog.PlatformChain);
        Assert.True(platformReport.IsIntact, platformReport.FirstBreak?.Reason);
    }

    [Fact]
    public async Task Seed_GivesEachTenantARealisticYearOfObligations()
    {
        await fixture.Get<DemoSeed>().RunAsync(Today);

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var rows = await (from i in db.ComplianceInstances
                          join m in db.ComplianceMasters on i.MasterId equals m.Id
                          select new { m.Code, i.PeriodKey, i.Status, i.IsOverdue, i.IsBlocked, i.BlockedReason, i.FilingReference, i.Rag, Due = i.ExtendedDueDate ?? i.StatutoryDueDate })
            .ToListAsync();

        var fyStart = new LocalDate(2026, 4, 1);
        Assert.All(rows, r => Assert.True(r.Due is null || (r.Due >= fyStart && r.Due <= Today.PlusDays(60)), $"{r.Code} {r.PeriodKey} due {r.Due}"));
        var filed = rows.Where(r => r.Status == Domain.Instances.InstanceStatus.Filed).ToList();
        Assert.True(filed.Count > 50, $"{filed.Count} filed");
        Assert.All(filed, r => Assert.False(string.IsNullOrEmpty(r.FilingReference)));
        Assert.Contains(rows, r => r.IsOverdue && r.Rag == Domain.Instances.Rag.Red);
        Assert.Contains(rows, r => r.Due >= Today && r.Due <= Today.PlusDays(7) && r.Status != Domain.Instances.InstanceStatus.Filed);
        Assert.Contains(rows, r => r.Status == Domain.Instances.InstanceStatus.AwaitingApproval);
        Assert.Contains(rows, r => r.Code == "GSTR3B" && r.IsBlocked && r.BlockedReason == $"Waiting for GSTR1 {r.PeriodKey}" && r.Due < Today);
        Assert.Contains(rows, r => r.Code == "AOC4" && r.Due == new LocalDate(2026, 10, 26));

        await using var bharat = fixture.Dbs.ForTenant(DemoWorld.Bharat.TenantId);
        await using var btx = await bharat.Database.BeginTransactionAsync();
        Assert.Contains(await bharat.ComplianceInstances.Select(i => i.Status).ToListAsync(), s => s == Domain.Instances.InstanceStatus.AwaitingApproval);
    }

    [Theory]
    [InlineData("2026-11-22", "2026-09-26")]
    [InlineData("2026-06-01", "2025-09-26")]
    [InlineData("2026-09-30", "2026-09-26")]
    public void LastAgm_IsTheLatestOneAlreadyDue(string today, string heldOn)
    {
        var cmd = DemoSeed.LastAgm(Guid.NewGuid(), NodaTime.Text.LocalDatePattern.Iso.Parse(today).Value);
        Assert.Equal(heldOn, NodaTime.Text.LocalDatePattern.Iso.Format(cmd.HeldOn));
    }

    private async Task<int> AuditCountAsync(Guid tenantId)
    {
        await using var db = fixture.Dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.CountAsync();
    }
}
