using System.Text.Json;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation;
using ComplianceOs.BotHost.Conversation.Assistant;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Rag;
using ComplianceOs.Rag.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Integration.Tests.Assistant;

/// <summary>
/// The conversation core as the bot host builds it (Domain, knowledge base, assistant), on the test database with
/// the demo world seeded for a fixed day and the masters and shipped notes ingested; asks as a demo person.
/// </summary>
internal sealed class AssistantHarness : IAsyncDisposable
{
    public static readonly NodaTime.LocalDate Today = new(2026, 11, 23);

    private readonly ServiceProvider _services;

    private AssistantHarness(ServiceProvider services) => _services = services;

    public ConversationCore Core => _services.GetRequiredService<ConversationCore>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <param name="settings">Assistant:* settings, e.g. a chat endpoint.</param>
    public static async Task<AssistantHarness> StartAsync(DatabaseFixture fixture, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(new TestClock(new DateTimeOffset(2026, 11, 23, 6, 30, 0, TimeSpan.Zero)))
            .AddDomainModule(fixture.AppConnectionString)
            .AddRag(configuration)
            .AddConversation(configuration)
            .BuildServiceProvider();
        // Seeded as of the day the other tests seed (the shared database's world is the same whichever runs first);
        // the assistant's own today is the clock's.
        await fixture.Get<DemoSeed>().RunAsync(new NodaTime.LocalDate(2026, 11, 22));
        await TestKnowledge.ShippedCorpusAsync(fixture);
        return new AssistantHarness(services);
    }

    public static Guid TenantOf(string asker) => asker == "suresh" ? DemoWorld.Bharat.TenantId : DemoWorld.Acme.TenantId;

    public static Guid UserOf(string asker) => asker switch
    {
        "priya" => DemoWorld.Acme.PriyaId,
        "rahul" => DemoWorld.Acme.RahulId,
        "vikram" => DemoWorld.Acme.VikramId,
        "anita" => DemoWorld.Acme.AnitaId,
        "suresh" => DemoWorld.Bharat.SureshId,
        _ => throw new ArgumentException($"unknown asker {asker}"),
    };

    public async Task<ResolvedIdentity> IdentityAsync(string asker)
    {
        var tenant = TenantOf(asker);
        await using var db = Get<Domain.Persistence.ComplianceDbFactory>().ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == UserOf(asker));
        return new ResolvedIdentity(tenant, asker, user);
    }

    /// <summary>Asks through the conversation core, as a Teams or Slack message would.</summary>
    public async Task<Reply> AskAsync(string asker, string question)
    {
        var identity = await IdentityAsync(asker);
        var reply = await Core.AnswerAsync(identity, question, "eval-" + Guid.NewGuid().ToString("N")[..8], null, CancellationToken.None);
        return new Reply(reply, reply.Card is { } c ? CardText.Of(c) : reply.Text ?? string.Empty, Sources(reply.Card));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>The source keys the answer cites, as its feedback button carries them.</summary>
    private static IReadOnlyList<string> Sources(Card? card) =>
        card?.Blocks.OfType<ActionSet>().SelectMany(a => a.Actions).FirstOrDefault(a => a.Verb == AssistantTurns.FeedbackVerb) is { } button
            && button.Data.TryGetValue("sources", out var sources)
            ? sources.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];

    internal sealed record Reply(ConversationReply Raw, string Text, IReadOnlyList<string> Sources)
    {
        public string? Kind => Raw.Card?.Blocks.OfType<ActionSet>().SelectMany(a => a.Actions)
            .FirstOrDefault(a => a.Verb == AssistantTurns.FeedbackVerb)?.Data.GetValueOrDefault("kind");
    }
}

/// <summary>One question of the evaluation set.</summary>
internal sealed record EvalQuestion(string Asker, string Q, string Kind, IReadOnlyList<string> Expect, string? Source)
{
    public static IReadOnlyList<EvalQuestion> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Assistant", file);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("questions").EnumerateArray().Select(q => new EvalQuestion(
            q.GetProperty("asker").GetString()!,
            q.GetProperty("q").GetString()!,
            q.GetProperty("kind").GetString()!,
            q.GetProperty("expect").EnumerateArray().Select(e => e.GetString()!).ToList(),
            q.TryGetProperty("source", out var s) ? s.GetString() : null)).ToList();
    }
}
