extern alias bothost;

using System.Diagnostics;
using bothost::ComplianceOs.BotHost.Conversation;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Rag;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceOs.Benchmarks.Knowledge;

/// <summary>
/// A full question answered end to end without a chat model, as a Teams or Slack turn runs it once the person is
/// known: the conversation core parses it, the assistant routes it (scope, the team's own work, the rule engine,
/// passages), retrieves, answers and builds the card. One entity and one owner are added to the benchmark tenant.
/// </summary>
public static class AssistantEndToEnd
{
    /// <summary>Questions of every kind the assistant answers; most go to the knowledge base.</summary>
    public static readonly string[] Questions =
    [
        "whats the late fee on a late 3b", "penalty for filing 24Q late", "which form to tell ROC about auditor appointment",
        "interest on late tds deposit", "who has to file dpt-3", "pf payment proof what should we keep", "esi wage limit?",
        "gstr9 late fee for a big company", "when is gstr-3b due for march 2025", "tds challan march 2026 due date",
        "is our pf for october paid?", "what's the weather in pune", "mgt-7 time limit after agm?", "3b checklist before filing",
        "director kyc penalty", "form 16 issued late - penalty?", "who can opt for qrmp", "advance tax dec instalment fy 26-27",
    ];

    public sealed record Result(int Count, double P50, double P95, double Max, IReadOnlyDictionary<string, int> ByReply);

    public static async Task<Result> MeasureAsync(string appConnectionString, Guid tenantId, int rounds)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddDomainModule(appConnectionString)
            .AddRag()
            .AddConversation(configuration)
            .BuildServiceProvider();
        var identity = await PersonAsync(services, tenantId);
        var core = services.GetRequiredService<ConversationCore>();

        // Warm-up: JIT, pools, the planner's caches.
        foreach (var q in Questions)
        {
            await core.AnswerAsync(identity, q, null, null, CancellationToken.None);
        }

        var times = new List<double>();
        var byReply = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < rounds; r++)
        {
            foreach (var q in Questions)
            {
                var started = Stopwatch.GetTimestamp();
                var reply = await core.AnswerAsync(identity, q, null, null, CancellationToken.None);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var kind = reply.Card?.Blocks.OfType<bothost::ComplianceOs.BotHost.Cards.ActionSet>().SelectMany(a => a.Actions)
                    .Select(a => a.Data.GetValueOrDefault("kind")).FirstOrDefault(k => k is not null) ?? "status card";
                byReply[kind] = byReply.GetValueOrDefault(kind) + 1;
            }
        }

        times.Sort();
        return new Result(times.Count, Percentile(times, 0.50), Percentile(times, 0.95), times[^1], byReply);
    }

    private static async Task<ResolvedIdentity> PersonAsync(IServiceProvider services, Guid tenantId)
    {
        // A new entity and person per run, so a kept database can be measured again.
        var run = (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 9000) + 1000;
        var ctx = new CommandContext(tenantId, Actor.System("bench"), Channel.Cli, "bench");
        var entity = await services.GetRequiredService<Domain.Entities.CreateLegalEntity.CreateLegalEntityHandler>()
            .HandleAsync(ctx, World.EntityCommand((run * 10) + 3, $"Bench Assistant Entity {run} Pvt Ltd"));
        var user = await services.GetRequiredService<CreateUserHandler>().HandleAsync(ctx, new CreateUserCommand(
            $"Bench Asker {run}", $"asker{run}@bench.example", ["Owner"], null, $"U0BASK{run:D4}", "Slack", [entity.Value?.Id ?? throw new InvalidOperationException($"entity: {entity}")]));
        var dbs = services.GetRequiredService<Domain.Persistence.ComplianceDbFactory>();
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Value!.Id);
        return new ResolvedIdentity(tenantId, "Bench", person) { Channel = Channel.Slack };
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
