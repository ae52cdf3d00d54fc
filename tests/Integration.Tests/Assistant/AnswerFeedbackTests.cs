using System.Text.Json;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Assistant;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Integration.Tests.Assistant;

/// <summary>"Was this helpful?": stored once per answer and person, audited, the card showing the thanks in place of the buttons.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AnswerFeedbackTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private AssistantHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AssistantHarness.StartAsync(fixture);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task AClick_IsStoredAndAudited_Once_AndAChangeOfMindIsAuditedAgain()
    {
        var asked = await _harness.AskAsync("priya", "penalty for late dir-3 kyc");
        var (yes, no) = Buttons(asked.Raw.Card!);
        var identity = await _harness.IdentityAsync("priya");
        var answerId = Guid.Parse(yes.Data["answerId"]);

        var card = await _harness.Core.ActAsync(identity, AssistantTurns.FeedbackVerb, Json(yes.Data), "click-1", null, CancellationToken.None);
        Assert.NotNull(card);
        var text = CardText.Of(card!);
        Assert.Contains("Thanks, marked as helpful.", text, StringComparison.Ordinal);
        Assert.Contains("Rs 5,000", text, StringComparison.Ordinal);
        Assert.DoesNotContain(card!.Blocks.OfType<ActionSet>().SelectMany(a => a.Actions), a => a.Verb == AssistantTurns.FeedbackVerb);

        // The same click again (a retry): nothing new.
        await _harness.Core.ActAsync(identity, AssistantTurns.FeedbackVerb, Json(yes.Data), "click-1", null, CancellationToken.None);
        var (row, audits) = await StoredAsync(answerId);
        Assert.True(row.Helpful);
        Assert.Equal("Passages", row.AnswerKind);
        Assert.Contains("master:DIR3KYC", row.Sources);
        Assert.Equal("penalty for late dir-3 kyc", row.Question);
        Assert.Single(audits);

        await _harness.Core.ActAsync(identity, AssistantTurns.FeedbackVerb, Json(no.Data), "click-2", null, CancellationToken.None);
        (row, audits) = await StoredAsync(answerId);
        Assert.False(row.Helpful);
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.Equal(DemoWorld.Acme.PriyaId, a.ActorId));
    }

    [Fact]
    public async Task ButtonsThatAreNotOurs_AreRefused_AndStoreNothing()
    {
        var identity = await _harness.IdentityAsync("priya");
        var bad = new Dictionary<string, string> { ["answerId"] = "not-a-guid", ["helpful"] = "yes", ["question"] = "q", ["kind"] = "Passages" };
        Assert.Null(await _harness.Core.ActAsync(identity, AssistantTurns.FeedbackVerb, Json(bad), "x", null, CancellationToken.None));

        var wrongKind = new Dictionary<string, string> { ["answerId"] = Guid.NewGuid().ToString(), ["helpful"] = "yes", ["question"] = "q", ["kind"] = "Anything" };
        Assert.Null(await _harness.Core.ActAsync(identity, AssistantTurns.FeedbackVerb, Json(wrongKind), "x", null, CancellationToken.None));

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.False(await db.AssistantFeedback.AnyAsync(f => f.Question == "q"));
    }

    [Fact]
    public async Task ARating_IsSeenByItsTenantOnly()
    {
        var asked = await _harness.AskAsync("suresh", "gstr-9 late fee");
        var (yes, _) = Buttons(asked.Raw.Card!);
        await _harness.Core.ActAsync(await _harness.IdentityAsync("suresh"), AssistantTurns.FeedbackVerb, Json(yes.Data), "c", null, CancellationToken.None);
        var id = Guid.Parse(yes.Data["answerId"]);

        await using var acme = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await acme.Database.BeginTransactionAsync();
        Assert.Equal(0, await acme.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM assistant_feedback WHERE answer_id = {id}").SingleAsync());
    }

    private static (CardAction Yes, CardAction No) Buttons(Card card)
    {
        var actions = card.Blocks.OfType<ActionSet>().SelectMany(a => a.Actions).Where(a => a.Verb == AssistantTurns.FeedbackVerb).ToList();
        Assert.Equal(2, actions.Count);
        return (actions.Single(a => a.Data["helpful"] == "yes"), actions.Single(a => a.Data["helpful"] == "no"));
    }

    private static JsonElement Json(IReadOnlyDictionary<string, string> data) => JsonSerializer.SerializeToElement(data);

    private async Task<(Domain.Knowledge.AssistantFeedback Row, List<AuditEntry> Audits)> StoredAsync(Guid answerId)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var row = await db.AssistantFeedback.AsNoTracking().SingleAsync(f => f.AnswerId == answerId);
        var audits = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.AssistantAnswerRated && a.TargetId == answerId.ToString()).ToListAsync();
        return (row, audits);
    }
}
