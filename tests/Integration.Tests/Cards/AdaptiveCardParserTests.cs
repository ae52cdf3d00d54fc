using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Cards.AdaptiveCards;

namespace ComplianceOs.Integration.Tests.Cards;

/// <summary>
/// Checks rendered cards with the official Adaptive Cards parser (Node), which knows the schema
/// better than our own assertions: unknown types, bad enum values, duplicate or missing ids,
/// inputs without labels.
/// </summary>
public sealed class AdaptiveCardParserTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cos-cards-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task OfficialParser_AcceptsEveryRenderedSampleCard()
    {
        var renderer = new AdaptiveCardRenderer();
        var cards = new Dictionary<string, Card>
        {
            ["help"] = SampleCards.Help(),
            ["my-tasks"] = SampleCards.MyTasks(),
            ["status-detail"] = SampleCards.StatusDetail(),
            ["everything-nasty-text"] = SampleCards.Everything(SampleCards.NastyText),
            ["no-title"] = new Card([new TextBlock("Just text")]),
        };
        var files = cards.Select(c => Write(c.Key, renderer.RenderJson(c.Value))).ToList();

        var outcome = await AdaptiveCardParser.ValidateAsync(files);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(files.Count, outcome.Files.Count);
        Assert.All(outcome.Files, f => Assert.Empty(f.Errors));
    }

    [Fact]
    public async Task OfficialParser_AcceptsTheCardInsideAnInvokeResponse()
    {
        var card = new AdaptiveCardRenderer().Render(SampleCards.StatusDetail());
        var value = AdaptiveCardEnvelopes.CardInvokeResponse(card)["value"]!.ToJsonString();

        var outcome = await AdaptiveCardParser.ValidateAsync([Write("invoke-value", value)]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
    }

    [Fact]
    public async Task OfficialParser_RejectsAnUnknownActionType()
    {
        // Negative control: proves the checker really parses, rather than always passing.
        const string broken = """
            {"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","id":"t","text":"hi"}],
             "actions":[{"type":"Action.Teleport","id":"a","title":"Go"}]}
            """;
        var good = Write("good", new AdaptiveCardRenderer().RenderJson(SampleCards.Help()));

        var outcome = await AdaptiveCardParser.ValidateAsync([good, Write("broken", broken)]);

        Assert.Equal(1, outcome.ExitCode);
        var byFile = outcome.Files.ToDictionary(f => Path.GetFileNameWithoutExtension(f.File), f => f.Errors);
        Assert.Empty(byFile["good"]);
        Assert.Contains(byFile["broken"], e => e.Contains("Action.Teleport", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OfficialParser_RejectsDuplicateIdsAndTheWrongVersion()
    {
        const string duplicate = """
            {"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","id":"a","text":"1"},{"type":"TextBlock","id":"a","text":"2"}]}
            """;
        const string oldVersion = """
            {"type":"AdaptiveCard","version":"1.3","body":[{"type":"TextBlock","id":"a","text":"1"}]}
            """;

        var outcome = await AdaptiveCardParser.ValidateAsync([Write("duplicate", duplicate), Write("old", oldVersion)]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.All(outcome.Files, f => Assert.NotEmpty(f.Errors));
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
