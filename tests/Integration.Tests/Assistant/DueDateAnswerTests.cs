using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances.Extensions;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;

namespace ComplianceOs.Integration.Tests.Assistant;

/// <summary>Due dates come from the rule engine with the facts they need; an extension is shown beside the statutory date, never instead.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DueDateAnswerTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private AssistantHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AssistantHarness.StartAsync(fixture);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ARecordedExtension_IsShownSeparately_AndTheStatutoryDateStays()
    {
        var ctx = new CommandContext(DemoWorld.Bharat.TenantId, Actor.User(DemoWorld.Bharat.SureshId, "Suresh Iyer"), Channel.Portal, "test");
        var recorded = await fixture.Get<RecordExtensionHandler>().HandleAsync(ctx, new RecordExtensionCommand("GSTR3B", "2025-09", new NodaTime.LocalDate(2025, 10, 25), "Notification 17/2025-CT"));
        Assert.True(recorded.Succeeded || recorded.Errors.Any(e => e.Code == "conflict"), string.Join("; ", recorded.Errors.Select(e => e.Message)));

        var reply = await _harness.AskAsync("suresh", "when is gstr-3b due for sept 2025?");

        Assert.Equal("DueDate", reply.Kind);
        Assert.Contains("is due on 20 October 2025 (2025-10-20", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Extension recorded by your team: 25 October 2025 (2025-10-25) under Notification 17/2025-CT; the statutory date stays 2025-10-20.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("master:GSTR3B", reply.Sources);
        Assert.Contains("› Rule and due date <https://", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStateDependentDate_TakesTheStateFromTheQuestion_OrAsksForIt()
    {
        // Delhi is in the 24th group; Maharashtra (Pune) and Karnataka in the 22nd.
        var delhi = await _harness.AskAsync("priya", "quarterly 3B for Jan-Mar 2025, Delhi GSTIN, QRMP");
        Assert.Contains("2025-04-24", delhi.Text, StringComparison.Ordinal);

        var pune = await _harness.AskAsync("priya", "3b qrmp due date jan-mar 2025 for our pune gstin");
        Assert.Contains("2025-04-22", pune.Text, StringComparison.Ordinal);

        var unknown = await _harness.AskAsync("priya", "gstr-3b qrmp due date for q4 fy 2024-25");
        Assert.Equal("Clarify", unknown.Kind);
        Assert.Contains("Which state", unknown.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", unknown.Text);
    }

    [Fact]
    public async Task TwoEntitiesOnDifferentRegimes_GetOneShortQuestion_UntilTheQuestionSays()
    {
        var ask = await _harness.AskAsync("rahul", "when is 3b due for march 2026?");
        Assert.Equal("Clarify", ask.Kind);
        Assert.Contains("Monthly or QRMP?", ask.Text, StringComparison.Ordinal);

        var monthly = await _harness.AskAsync("rahul", "when is monthly 3b due for march 2026?");
        Assert.Contains("2026-04-20", monthly.Text, StringComparison.Ordinal);
        Assert.Contains("Acme India Pvt Ltd", monthly.Text, StringComparison.Ordinal);

        var llp = await _harness.AskAsync("rahul", "when is 3b due for jan-mar 2026 for the LLP?");
        Assert.Contains("2026-04-22", llp.Text, StringComparison.Ordinal);
        Assert.Contains("Acme Services LLP", llp.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventRelativeObligation_WithoutItsEvent_SaysSoInsteadOfGuessing()
    {
        var reply = await _harness.AskAsync("priya", "aoc-4 due date for fy 2026-27");
        Assert.Contains("No AGM date is recorded", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"due on \d", reply.Text);
    }

    [Fact]
    public async Task NoPeriod_MeansTheNextOneDueFromToday()
    {
        var reply = await _harness.AskAsync("priya", "when is pf due?");
        Assert.Contains("EPF", reply.Text, StringComparison.Ordinal);
        Assert.Contains("2026-12-15", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("priya", "3b late fee for a big company", "GSTR3B")]
    [InlineData("priya", "3b late fee", "GSTR3B")]
    [InlineData("priya", "qrmp 3b late fee", "GSTR3B_QRMP")]
    [InlineData("vikram", "3b late fee for the llp", "GSTR3B_QRMP")]
    [InlineData("rahul", "3b late fee for the company", "GSTR3B")]
    [InlineData("rahul", "3b late fee", "GSTR3B|GSTR3B_QRMP")]
    public async Task WithinAFamily_WhatTheQuestionSaysOverridesOnlyThatFact_TheRestComesFromTheAskersEntities(string asker, string question, string expected)
    {
        // "Company" says the entity kind, not the regime: Priya's only entity files monthly, so only the monthly 3B applies.
        // Rahul sees a monthly company and a QRMP LLP: "the company" picks the company; unsaid, both apply.
        var codes = await _harness.Get<ComplianceOs.BotHost.Conversation.Assistant.DueDateAnswers>()
            .ApplicableCodesAsync(await _harness.IdentityAsync(asker), ["GSTR3B", "GSTR3B_QRMP"], question, CancellationToken.None);
        Assert.Equal(expected.Split('|'), codes);
    }
}
