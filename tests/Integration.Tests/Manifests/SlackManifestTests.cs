using System.Text.RegularExpressions;
using ComplianceOs.Integration.Tests.Infrastructure;

namespace ComplianceOs.Integration.Tests.Manifests;

/// <summary>
/// manifests/slack/manifest.yaml filled by manifests/slack/fill.js: the request URLs point at our endpoints, the bot
/// asks for exactly the scopes the code uses, subscribes to the events it handles, and users can DM it.
/// No database: not in the database collection.
/// </summary>
public sealed partial class SlackManifestTests
{
    // What the code calls: chat.postMessage/update/postEphemeral (chat:write), message.im (im:history), conversations.open
    // (im:write, im:read), app_mention (app_mentions:read), /compliance (commands), users.info with email
    // (users:read, users:read.email), files.info and downloads (files:read).
    private static readonly string[] Scopes = ["app_mentions:read", "chat:write", "commands", "files:read", "im:history", "im:read", "im:write", "users:read", "users:read.email"];

    private static async Task<ProcessOutcome> FillAsync(string baseUrl, string output) =>
        await NodeTools.RunAsync("node", [Path.Combine(NodeTools.RepoRoot, "manifests", "slack", "fill.js"), "--base-url", baseUrl, "--out", output], NodeTools.RepoRoot, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Filled_manifest_points_every_request_url_at_our_endpoints_and_asks_only_for_the_scopes_used()
    {
        var output = Path.Combine(Path.GetTempPath(), $"slack-manifest-{Guid.NewGuid():N}.yaml");
        try
        {
            var run = await FillAsync("https://bot.example.com/", output);
            Assert.True(run.ExitCode == 0, run.ToString());
            var yaml = await File.ReadAllTextAsync(output);
            Assert.DoesNotContain("{{", yaml);
            Assert.Contains("request_url: \"https://bot.example.com/slack/events\"", yaml);
            Assert.Contains("request_url: \"https://bot.example.com/slack/interactions\"", yaml);
            Assert.Contains("url: \"https://bot.example.com/slack/commands\"", yaml);
            Assert.Contains("- \"https://bot.example.com/slack/oauth/callback\"", yaml);
            Assert.Contains("command: /compliance", yaml);
            Assert.Contains("messages_tab_enabled: true", yaml);
            Assert.Contains("messages_tab_read_only_enabled: false", yaml);
            Assert.Contains("home_tab_enabled: true", yaml);
            Assert.Equal(Scopes, ListAfter(yaml, "bot:"));
            Assert.Equal(["app_home_opened", "app_mention", "message.im"], ListAfter(yaml, "bot_events:"));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("http://bot.example.com", "https")]
    [InlineData("bot.example.com", "absolute")]
    [InlineData("https://bot.example.com/?x=1", "query")]
    public async Task A_base_url_Slack_would_refuse_is_an_error_and_nothing_is_written(string baseUrl, string problem)
    {
        var output = Path.Combine(Path.GetTempPath(), $"slack-manifest-{Guid.NewGuid():N}.yaml");
        var run = await FillAsync(baseUrl, output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(problem, run.Stderr);
        Assert.False(File.Exists(output));
    }

    /// <summary>The "- item" lines right under a key, in order.</summary>
    private static string[] ListAfter(string yaml, string key)
    {
        var lines = yaml.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == key);
        Assert.True(start >= 0, $"no '{key}' in the manifest");
        return lines.Skip(start + 1).TakeWhile(l => Item().IsMatch(l)).Select(l => Item().Match(l).Groups[1].Value).ToArray();
    }

    [GeneratedRegex(@"^\s+-\s+(\S+)\s*$")]
    private static partial Regex Item();
}
