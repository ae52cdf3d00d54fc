using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities.CreateLegalEntity;
using ComplianceOs.Domain.Entities.RecordAgm;
using ComplianceOs.Domain.Entities.SetEntityContacts;
using ComplianceOs.Domain.Masters.SeedCatalog;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Domain.Tenancy.CreatePlatformOperator;
using ComplianceOs.Domain.Tenancy.CreateTenant;
using NodaTime;

namespace ComplianceOs.Domain.Seeding;

/// <summary>
/// Seeds the demo world (Acme India with two entities, Bharat Traders, one platform operator) through the same
/// commands people use, so every row is validated and audited. Rerunning is safe: rows keyed by the fixed ids of
/// <see cref="DemoWorld"/> that already exist are left as they are.
/// </summary>
public sealed class DemoSeed(
    CreatePlatformOperatorHandler createOperator,
    CreateTenantHandler createTenant,
    CreateLegalEntityHandler createEntity,
    CreateUserHandler createUser,
    SetEntityContactsHandler setContacts,
    RecordAgmHandler recordAgm,
    SeedCatalogHandler seedCatalog,
    DemoProgress progress)
{
    private static readonly Actor Seeder = Actor.System("seed-demo");

    /// <param name="today">The date the demo is seeded as of (AGM dates are chosen relative to it).</param>
    /// <returns>One line per step: created, already there, or the failure (then seeding stops).</returns>
    public async Task<IReadOnlyList<string>> RunAsync(LocalDate today, CancellationToken ct = default)
    {
        var log = new List<string>();
        var platform = new PlatformContext(Seeder, Channel.Cli, "seed-demo");

        Step(log, "platform operator", await createOperator.HandleAsync(platform, new("Platform Operator", DemoWorld.OperatorEmail, DemoWorld.OperatorId), ct), "id");
        var catalog = await seedCatalog.HandleAsync(platform, ct);
        log.Add($"catalog: {catalog.Value!.Created} created, {catalog.Value.Updated} updated, {catalog.Value.Unchanged} unchanged");

        await SeedAcmeAsync(log, platform, today, ct);
        await SeedBharatAsync(log, platform, today, ct);
        log.AddRange(await progress.RunAsync(DemoWorld.Acme.TenantId, "Acme India Pvt Ltd", today, ct));
        log.AddRange(await progress.RunAsync(DemoWorld.Bharat.TenantId, "Bharat Traders Pvt Ltd", today, ct));
        return log;
    }

    private async Task SeedAcmeAsync(List<string> log, PlatformContext platform, LocalDate today, CancellationToken ct)
    {
        Step(log, "tenant Acme India Pvt Ltd", await createTenant.HandleAsync(
            platform,
            new("Acme India Pvt Ltd", TimeZone: null, [DemoWorld.Acme.TeamsTenantId], [DemoWorld.Acme.SlackTeamId], DemoWorld.Acme.TenantId),
            ct), "id");

        var ctx = new CommandContext(DemoWorld.Acme.TenantId, Seeder, Channel.Cli, "seed-demo");
        Step(log, "entity Acme India Pvt Ltd", await createEntity.HandleAsync(ctx, new CreateLegalEntityCommand(
            Name: "Acme India Pvt Ltd",
            Kind: "PrivateLimited",
            State: "Maharashtra",
            Pan: "AAACA1234F",
            Cin: "U74999MH2015PTC123456",
            Tan: "MUMA12345B",
            Gstins: [new("27AAACA1234F1ZA", "Monthly")],
            PfApplicable: true,
            EsiApplicable: true,
            ProfessionalTaxStates: ["Maharashtra"],
            TaxAuditApplicable: true,
            AnnualTurnoverCrore: 120m,
            Id: DemoWorld.Acme.IndiaEntityId), ct), "id");
        Step(log, "entity Acme Services LLP", await createEntity.HandleAsync(ctx, new CreateLegalEntityCommand(
            Name: "Acme Services LLP",
            Kind: "Llp",
            State: "Karnataka",
            Pan: "AAAFA5678K",
            Llpin: "AAB-1234",
            Tan: "BLRA12345C",
            Gstins: [new("29AAAFA5678K1Z1", "Qrmp")],
            ProfessionalTaxStates: ["Karnataka"],
            AnnualTurnoverCrore: 3.5m,
            Id: DemoWorld.Acme.LlpEntityId), ct), "id");

        var india = DemoWorld.Acme.IndiaEntityId;
        var llp = DemoWorld.Acme.LlpEntityId;
        Step(log, "user Priya Sharma", await createUser.HandleAsync(ctx, new(
            "Priya Sharma", "priya.sharma@acme.example", ["Owner"], "a1c3e5f7-1111-4a2b-8c3d-000000000101", "U0PRIYA01", "Teams", [india], DemoWorld.Acme.PriyaId), ct), "id");
        Step(log, "user Rahul Mehta", await createUser.HandleAsync(ctx, new(
            "Rahul Mehta", "rahul.mehta@acme.example", ["Approver"], "a1c3e5f7-2222-4a2b-8c3d-000000000102", "U0RAHUL01", "Teams", [india, llp], DemoWorld.Acme.RahulId), ct), "id");
        Step(log, "user Anita Desai", await createUser.HandleAsync(ctx, new(
            "Anita Desai", "anita.desai@acme.example", ["Admin"], "a1c3e5f7-3333-4a2b-8c3d-000000000103", "U0ANITA01", "Teams", [india, llp], DemoWorld.Acme.AnitaId), ct), "id");
        Step(log, "user Vikram Rao", await createUser.HandleAsync(ctx, new(
            "Vikram Rao", "vikram.rao@acme.example", ["Owner"], "a1c3e5f7-4444-4a2b-8c3d-000000000104", "U0VIKRAM1", "Slack", [llp], DemoWorld.Acme.VikramId), ct), "id");

        foreach (var entityId in new[] { india, llp })
        {
            Step(log, $"escalation contact and director of entity {entityId}", await setContacts.HandleAsync(ctx, new(entityId, DemoWorld.Acme.RahulId, DemoWorld.Acme.AnitaId), ct), null);
        }

        Step(log, "AGM of Acme India Pvt Ltd", await recordAgm.HandleAsync(ctx, LastAgm(india, today), ct), "financialYearEnd");
    }

    private async Task SeedBharatAsync(List<string> log, PlatformContext platform, LocalDate today, CancellationToken ct)
    {
        Step(log, "tenant Bharat Traders Pvt Ltd", await createTenant.HandleAsync(
            platform,
            new("Bharat Traders Pvt Ltd", TimeZone: null, [DemoWorld.Bharat.TeamsTenantId], [DemoWorld.Bharat.SlackTeamId], DemoWorld.Bharat.TenantId),
            ct), "id");

        var ctx = new CommandContext(DemoWorld.Bharat.TenantId, Seeder, Channel.Cli, "seed-demo");
        var entity = DemoWorld.Bharat.EntityId;
        Step(log, "entity Bharat Traders Pvt Ltd", await createEntity.HandleAsync(ctx, new CreateLegalEntityCommand(
            Name: "Bharat Traders Pvt Ltd",
            Kind: "PrivateLimited",
            State: "Gujarat",
            Pan: "AABCB4321M",
            Cin: "U51909GJ2012PTC067890",
            Tan: "AHMB12345D",
            Gstins: [new("24AABCB4321M1ZX", "Monthly")],
            AnnualTurnoverCrore: 8m,
            Id: entity), ct), "id");
        Step(log, "user Suresh Iyer", await createUser.HandleAsync(ctx, new(
            "Suresh Iyer", "suresh.iyer@bharat.example", ["Owner", "Admin"], "b2d4f6a8-5555-4b3c-9d4e-000000000201", "U0SURESH1", "Teams", [entity], DemoWorld.Bharat.SureshId), ct), "id");
        Step(log, "user Meera Nair", await createUser.HandleAsync(ctx, new(
            "Meera Nair", "meera.nair@bharat.example", ["Approver"], "b2d4f6a8-6666-4b3c-9d4e-000000000202", "U0MEERA01", "Teams", [entity], DemoWorld.Bharat.MeeraId), ct), "id");
        Step(log, "escalation contact and director of Bharat Traders Pvt Ltd", await setContacts.HandleAsync(ctx, new(entity, DemoWorld.Bharat.MeeraId, DemoWorld.Bharat.SureshId), ct), null);
        Step(log, "AGM of Bharat Traders Pvt Ltd", await recordAgm.HandleAsync(ctx, LastAgm(entity, today), ct), "financialYearEnd");
    }

    /// <summary>The latest AGM that must have been held by <paramref name="today"/> (six months after a 31 March year end).</summary>
    internal static RecordAgmCommand LastAgm(Guid entityId, LocalDate today)
    {
        var fyEndYear = today >= new LocalDate(today.Year, 9, 30) ? today.Year : today.Year - 1;
        return new RecordAgmCommand(entityId, new LocalDate(fyEndYear, 3, 31), new LocalDate(fyEndYear, 9, 26));
    }

    private static void Step<T>(List<string> log, string what, CommandResult<T> result, string? existingField)
    {
        if (result.Succeeded)
        {
            log.Add($"done: {what}");
        }
        else if (existingField is not null && result.Errors is [ConflictError { Field: var f }] && f == existingField)
        {
            log.Add($"already there: {what}");
        }
        else
        {
            throw new InvalidOperationException($"seed-demo could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        }
    }
}
