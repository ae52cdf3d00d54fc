using ComplianceOs.Integration.Tests.Infrastructure;

namespace ComplianceOs.Integration.Tests.Assistant;

/// <summary>
/// With a chat model configured (an OpenAI-compatible endpoint, here a local fake), the model writes the answer from
/// the retrieved passages only — and an answer with a date, amount, rate or form number the passages do not hold is
/// never sent: the quoted passages go out instead.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ChatModelSupportTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private FakeOpenAiEndpoint _model = null!;
    private AssistantHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _model = await FakeOpenAiEndpoint.StartAsync();
        _harness = await AssistantHarness.StartAsync(fixture, new Dictionary<string, string?>
        {
            ["Assistant:Chat:Endpoint"] = _model.BaseUrl,
            ["Assistant:Chat:Model"] = "test-model",
            ["Assistant:Chat:ApiKey"] = "sk-test-not-a-secret",
        });
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task AnUnsupportedAnswer_IsNotSent_AndThePassagesAreQuotedInstead()
    {
        // Rs 75 per day and a 30 June date appear nowhere in GSTR-3B's passages.
        _model.Answer = "The late fee on a late GSTR-3B is Rs 75 per day, payable by 30 June 2026 [1].";
        var reply = await _harness.AskAsync("priya", "whats the late fee on a late 3b");

        Assert.DoesNotContain("Rs 75", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("30 June 2026", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Rs 50 per day", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Written by the configured language model", reply.Text, StringComparison.Ordinal);
        Assert.Equal("Passages", reply.Kind);

        // The model was asked, with the question, the numbered passages and the rules.
        var request = Assert.Single(_model.Requests);
        Assert.Equal("test-model", request["model"]!.GetValue<string>());
        var messages = request["messages"]!.AsArray();
        Assert.Contains("ONLY the numbered passages", messages[0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var user = messages[1]!["content"]!.GetValue<string>();
        Assert.Contains("whats the late fee on a late 3b", user, StringComparison.Ordinal);
        Assert.Contains("[1] GSTR3B", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASupportedAnswer_IsSent_MarkedAsWrittenByTheModel_WithItsCitations()
    {
        _model.Answer = "A late GSTR-3B costs Rs 50 per day (Rs 25 CGST + Rs 25 SGST), capped at Rs 10,000 above Rs 5 crore, plus interest at 18% [1].";
        var reply = await _harness.AskAsync("priya", "3b late fee for a big company");

        Assert.Contains(_model.Answer, reply.Text, StringComparison.Ordinal);
        Assert.Contains("Written by the configured language model", reply.Text, StringComparison.Ordinal);
        Assert.Contains("master:GSTR3B", reply.Sources);
    }

    [Fact]
    public async Task AFailingModel_LeavesTheQuotedAnswer()
    {
        _model.FailWith = 500;
        var reply = await _harness.AskAsync("priya", "penalty for late dir-3 kyc");

        Assert.Equal("Passages", reply.Kind);
        Assert.Contains("Rs 5,000", reply.Text, StringComparison.Ordinal);
        Assert.NotEmpty(_model.Requests);
    }

    [Fact]
    public async Task DueDates_NeverGoToTheModel()
    {
        _model.Answer = "GSTR-3B for March 2025 is due on 25 April 2025.";
        var reply = await _harness.AskAsync("priya", "3b due date march 25");

        Assert.Contains("2025-04-20", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("25 April", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_model.Requests);
    }
}
