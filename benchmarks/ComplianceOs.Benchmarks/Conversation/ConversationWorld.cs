using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Masters.SeedCatalog;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Tenancy.CreateTenant;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ComplianceOs.Benchmarks.Conversation;

/// <summary>One open obligation an owner will start and submit: what to type to see it, and its id for the buttons.</summary>
public sealed record WorkItem(Guid InstanceId, string StatusText, int Version);

/// <summary>A person in the benchmark: their Teams tenant and AAD id, and for owners the obligations to work through.</summary>
public sealed record BenchPerson(string TeamsTenantId, string AadObjectId, bool IsApprover, int ApproverIndex, IReadOnlyList<WorkItem> Work);

/// <summary>
/// Tenants bound to Teams tenants, each with an entity per owner (each owner sees only theirs) and approvers who each
/// see the entities of several owners of their tenant, so every submission has exactly one approver who can decide it.
/// </summary>
public sealed class ConversationWorld(IServiceProvider services)
{
    public List<Guid> TenantIds { get; } = [];

    public static string TeamsTenantIdOf(int tenant) => $"5b1e0f6a-0000-4000-8000-{tenant + 1:D12}";

    public async Task<IReadOnlyList<BenchPerson>> CreateAsync(int owners, int approvers, int tenants, LocalDate today)
    {
        Ok(await services.GetRequiredService<SeedCatalogHandler>().HandleAsync(new PlatformContext(Actor.System("bench"), Channel.Cli, "bench")), "catalog");
        var people = new List<BenchPerson>();
        int ownerBase = 0, approverBase = 0;
        for (var t = 0; t < tenants; t++)
        {
            var ownersHere = (owners / tenants) + (t < owners % tenants ? 1 : 0);
            var approversHere = (approvers / tenants) + (t < approvers % tenants ? 1 : 0);
            people.AddRange(await CreateTenantAsync(t, ownerBase, ownersHere, approverBase, approversHere, today));
            ownerBase += ownersHere;
            approverBase += approversHere;
        }

        return people;
    }

    private async Task<IReadOnlyList<BenchPerson>> CreateTenantAsync(int t, int ownerBase, int owners, int approverBase, int approvers, LocalDate today)
    {
        var teamsTenantId = TeamsTenantIdOf(t);
        var tenant = Ok(await services.GetRequiredService<CreateTenantHandler>().HandleAsync(
            new PlatformContext(Actor.System("bench"), Channel.Cli, "bench"),
            new CreateTenantCommand($"Bench Conversations {t + 1:D2} Ltd", "Asia/Kolkata", [teamsTenantId])), "tenant");
        TenantIds.Add(tenant.Id);
        var ctx = new CommandContext(tenant.Id, Actor.System("bench"), Channel.Cli, "bench");
        var entities = new List<Guid>();
        for (var e = 0; e < owners; e++)
        {
            // Profiles with monthly GST, TDS and payroll, so every owner has plenty to do.
            var g = ownerBase + e;
            var profile = new[] { 0, 1, 5, 7, 9 }[g % 5];
            var cmd = World.EntityCommand(profile + (10 * (g + 1)), $"Bench entity {g + 1:D3}");
            entities.Add(Ok(await services.GetRequiredService<Domain.Entities.CreateLegalEntity.CreateLegalEntityHandler>().HandleAsync(ctx, cmd), "entity").Id);
        }

        var createUser = services.GetRequiredService<CreateUserHandler>();
        var ownerIds = new List<(Guid Id, string Aad)>();
        for (var o = 0; o < owners; o++)
        {
            var g = ownerBase + o;
            var aad = $"0b0e0000-0000-4000-8000-{g + 1:D12}";
            var user = Ok(await createUser.HandleAsync(ctx, new CreateUserCommand($"Owner {g + 1:D3}", $"owner{g + 1}@bench.example", ["Owner"], aad, null, "Teams", [entities[o]])), "owner");
            ownerIds.Add((user.Id, aad));
        }

        var people = new List<BenchPerson>();
        for (var a = 0; a < approvers; a++)
        {
            var g = approverBase + a;
            var aad = $"0a0e0000-0000-4000-8000-{g + 1:D12}";
            var mine = entities.Where((_, i) => i % approvers == a).ToList();
            Ok(await createUser.HandleAsync(ctx, new CreateUserCommand($"Approver {g + 1:D2}", $"approver{g + 1}@bench.example", ["Approver"], aad, null, "Teams", mine)), "approver");
            people.Add(new BenchPerson(teamsTenantId, aad, true, g, []));
        }

        var fyStart = new LocalDate(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);

        // Last year, this year and the next twelve months: enough open obligations that no owner runs out of work
        // during a run.
        var generate = services.GetRequiredService<GenerateInstancesHandler>();
        Ok(await generate.HandleAsync(ctx, new GenerateInstancesCommand(fyStart.PlusYears(-1), fyStart.PlusDays(-1), today)), "generate last year");
        Ok(await generate.HandleAsync(ctx, new GenerateInstancesCommand(fyStart, today.PlusDays(365), today)), "generate");

        await using var db = services.GetRequiredService<ComplianceDbFactory>().ForTenant(tenant.Id);
        await using var tx = await db.Database.BeginTransactionAsync();
        var open = await (from i in db.ComplianceInstances
                          join m in db.ComplianceMasters on i.MasterId equals m.Id
                          where i.Status == InstanceStatus.NotStarted && !i.IsBlocked && i.OwnerUserId != null && i.ApproverUserId != null
                          orderby i.PeriodStart
                          select new { i.Id, i.OwnerUserId, m.Code, i.PeriodKey, i.Version }).ToListAsync();
        for (var o = 0; o < owners; o++)
        {
            var work = open.Where(i => i.OwnerUserId == ownerIds[o].Id).Select(i => new WorkItem(i.Id, $"status {i.Code} {i.PeriodKey}", i.Version)).ToList();
            people.Add(new BenchPerson(teamsTenantId, ownerIds[o].Aad, false, approverBase + (o % approvers), work));
        }

        return people;
    }

    private static T Ok<T>(CommandResult<T> result, string what) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException($"setup failed: {what}: {result}");
}
