using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Masters.SeedCatalog;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Domain.Tenancy.CreateTenant;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ComplianceOs.Benchmarks.Slack;

/// <summary>One seeded Slack user: their id and the id of their DM with the bot.</summary>
public sealed record SlackBenchUser(string UserId, string DmChannel);

/// <summary>
/// One tenant bound to the benchmark workspace, with legal entities and this year's obligations, and the seeded users
/// (owners, each granted one entity, each with a stored Slack id so no users.info lookup is needed). Created through
/// the Domain's own handlers, audited like any other tenant.
/// </summary>
public sealed class SlackWorld(IServiceProvider services)
{
    public const string TeamId = "T0BENCH01";
    public const string BotUserId = "U0BENCHBOT";
    public const string BotId = "B0BENCHBOT";
    public const string BotToken = "xoxb-bench-workspace-token";

    public Guid TenantId { get; private set; }

    public static SlackBenchUser UserOf(int i) => new($"U0B{i + 1:D6}", $"D0B{i + 1:D6}");

    public async Task<IReadOnlyList<SlackBenchUser>> CreateAsync(int users, int entities, LocalDate today)
    {
        Ok(await services.GetRequiredService<SeedCatalogHandler>().HandleAsync(new PlatformContext(Actor.System("bench"), Channel.Cli, "bench")), "catalog");
        var tenant = Ok(await services.GetRequiredService<CreateTenantHandler>().HandleAsync(
            new PlatformContext(Actor.System("bench"), Channel.Cli, "bench"),
            new CreateTenantCommand("Bench Slack Workspace Ltd", "Asia/Kolkata", SlackTeamIds: [TeamId])), "tenant");
        TenantId = tenant.Id;
        var ctx = new CommandContext(tenant.Id, Actor.System("bench"), Channel.Cli, "bench");
        var entityIds = new List<Guid>();
        var createEntity = services.GetRequiredService<Domain.Entities.CreateLegalEntity.CreateLegalEntityHandler>();
        for (var e = 0; e < entities; e++)
        {
            var profile = new[] { 0, 1, 5, 7, 9 }[e % 5];
            entityIds.Add(Ok(await createEntity.HandleAsync(ctx, World.EntityCommand(profile + (10 * (e + 1)), $"Bench Slack entity {e + 1:D3}")), "entity").Id);
        }

        var createUser = services.GetRequiredService<CreateUserHandler>();
        var seeded = new List<SlackBenchUser>(users);
        for (var i = 0; i < users; i++)
        {
            var u = UserOf(i);
            Ok(await createUser.HandleAsync(ctx, new CreateUserCommand($"Slack User {i + 1:D4}", $"slack{i + 1}@bench.example", ["Owner"], null, u.UserId, "Slack", [entityIds[i % entityIds.Count]])), "user");
            seeded.Add(u);
        }

        var fyStart = new LocalDate(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
        Ok(await services.GetRequiredService<GenerateInstancesHandler>().HandleAsync(ctx, new GenerateInstancesCommand(fyStart, fyStart.PlusYears(1).PlusDays(-1), today)), "generate");
        return seeded;
    }

    private static T Ok<T>(CommandResult<T> result, string what) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException($"setup failed: {what}: {result}");
}
