using System.Text.Json.Nodes;
using ComplianceOs.Integration.Tests.Infrastructure;

namespace ComplianceOs.Integration.Tests.Cards;

/// <summary>
/// Runs tests/js/check-block-kit.js, which type-checks Block Kit JSON against the official Slack types
/// (@slack/types@3.2.0) with the TypeScript compiler. Installs the npm lockfile first when a fresh clone
/// has no node_modules yet, so the test does not depend on the scripts having run.
/// </summary>
internal static class BlockKitChecker
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(120);

    /// <summary>What a checked file holds: a message's blocks array, or a modal or App Home view.</summary>
    public enum Kind
    {
        Blocks,
        View,
    }

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The checker's per-file lines: file name and its TypeScript errors.</summary>
        public IReadOnlyList<(string File, IReadOnlyList<string> Errors)> Files =>
            Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => JsonNode.Parse(line)!)
                .Select(n => (n["file"]!.GetValue<string>(),
                    (IReadOnlyList<string>)n["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList()))
                .ToList();

        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public static string JsDirectory => Path.Combine(NodeTools.RepoRoot, "tests", "js");

    /// <summary>Writes <paramref name="payload"/> as the checker's input file <c>{"kind", "payload"}</c> and returns its path.</summary>
    public static string Write(string directory, string name, Kind kind, JsonNode payload)
    {
        var file = Path.Combine(directory, name + ".json");
        var wrapper = new JsonObject
        {
            ["kind"] = kind == Kind.Blocks ? "blocks" : "view",
            ["payload"] = payload.DeepClone(),
        };
        File.WriteAllText(file, wrapper.ToJsonString());
        return file;
    }

    public static async Task<Outcome> CheckAsync(IEnumerable<string> files)
    {
        await NodeTools.EnsureInstalledAsync(Path.Combine("tests", "js"), "@slack/types", "typescript");
        var script = Path.Combine(JsDirectory, "check-block-kit.js");
        var run = await NodeTools.RunAsync("node", [script, .. files], JsDirectory, NodeTimeout);
        return new Outcome(run.ExitCode, run.Stdout, run.Stderr);
    }
}
