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

/// <summary>A person in the benchmark: their AAD id, and for owners the obligations to work through.</summary>
public sealed record BenchPerson(string AadObjectId, bool IsApprover, int ApproverIndex, IReadOnlyList<WorkItem> Work);

/// <summary>
/// One tenant bound to a Teams tenant: an entity per owner (each owner sees only theirs), and approvers who each
/// see the entities of several owners, so every submission has exactly one approver who can decide it.
/// </summary>
public sealed class ConversationWorld(IServiceProvider services)
{
    public const string TeamsTenantId = "5b1e0f6a-0000-4000-8000-00000000be0c";

    public Guid TenantId { get; private set; }

    public async Task<IReadOnlyList<BenchPerson>> CreateAsync(int owners, int approvers, LocalDate today)
    {
        var seed = await services.GetRequiredService<SeedCatalogHandler>().HandleAsync(new PlatformContext(Actor.System("bench"), Channel.Cli, "bench"));
        Ok(seed, "catalog");
        var tenant = Ok(await services.GetRequiredService<CreateTenantHandler>().HandleAsync(
            new PlatformContext(Actor.System("bench"), Channel.Cli, "bench"),
            new CreateTenantCommand("Bench Conversations Ltd", "Asia/Kolkata", [TeamsTenantId])), "tenant");
        TenantId = tenant.Id;
        var ctx = new CommandContext(tenant.Id, Actor.System("bench"), Channel.Cli, "bench");
        var entities = new List<Guid>();
        for (var e = 0; e < owners; e++)
        {
            // Profiles with monthly GST, TDS and payroll, so every owner has plenty to do.
            var profile = new[] { 0, 1, 5, 7, 9 }[e % 5];
            var cmd = World.EntityCommand(profile + (10 * (e + 1)), $"Bench entity {e + 1:D3}");
            entities.Add(Ok(await services.GetRequiredService<Domain.Entities.CreateLegalEntity.CreateLegalEntityHandler>().HandleAsync(ctx, cmd), "entity").Id);
        }

        var createUser = services.GetRequiredService<CreateUserHandler>();
        var ownerIds = new List<(Guid Id, string Aad)>();
        for (var o = 0; o < owners; o++)
        {
            var aad = $"0b0e0000-0000-4000-8000-{o + 1:D12}";
            var user = Ok(await createUser.HandleAsync(ctx, new CreateUserCommand($"Owner {o + 1:D3}", $"owner{o + 1}@bench.example", ["Owner"], aad, null, "Teams", [entities[o]])), "owner");
            ownerIds.Add((user.Id, aad));
        }

        var approverAads = new List<string>();
        for (var a = 0; a < approvers; a++)
        {
            var aad = $"0a0e0000-0000-4000-8000-{a + 1:D12}";
            var mine = entities.Where((_, i) => i % approvers == a).ToList();
            Ok(await createUser.HandleAsync(ctx, new CreateUserCommand($"Approver {a + 1:D2}", $"approver{a + 1}@bench.example", ["Approver"], aad, null, "Teams", mine)), "approver");
            approverAads.Add(aad);
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
        var people = new List<BenchPerson>();
        for (var o = 0; o < owners; o++)
        {
            var work = open.Where(i => i.OwnerUserId == ownerIds[o].Id).Select(i => new WorkItem(i.Id, $"status {i.Code} {i.PeriodKey}", i.Version)).ToList();
            people.Add(new BenchPerson(ownerIds[o].Aad, false, o % approvers, work));
        }

        people.AddRange(approverAads.Select((aad, a) => new BenchPerson(aad, true, a, [])));
        return people;
    }

    private static T Ok<T>(CommandResult<T> result, string what) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException($"setup failed: {what}: {result}");
}
