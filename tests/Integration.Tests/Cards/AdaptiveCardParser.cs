using System.Text.Json.Nodes;
using ComplianceOs.Integration.Tests.Infrastructure;

namespace ComplianceOs.Integration.Tests.Cards;

/// <summary>
/// Runs tests/js/validate-adaptive-card.js (the official adaptivecards@3.0.6 parser) on card
/// files. Installs the npm lockfile first when a fresh clone has no node_modules yet, so the
/// test does not depend on the scripts having run.
/// </summary>
internal static class AdaptiveCardParser
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(60);

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The validator's per-file lines: file name and its error messages.</summary>
        public IReadOnlyList<(string File, IReadOnlyList<string> Errors)> Files =>
            Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => JsonNode.Parse(line)!)
                .Select(n => (n["file"]!.GetValue<string>(),
                    (IReadOnlyList<string>)n["errors"]!.AsArray().Select(e => e!.ToJsonString()).ToList()))
                .ToList();

        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public static string JsDirectory => Path.Combine(NodeTools.RepoRoot, "tests", "js");

    public static async Task<Outcome> ValidateAsync(IEnumerable<string> files)
    {
        await NodeTools.EnsureInstalledAsync(Path.Combine("tests", "js"), "adaptivecards");
        var script = Path.Combine(JsDirectory, "validate-adaptive-card.js");
        var run = await NodeTools.RunAsync("node", [script, .. files], JsDirectory, NodeTimeout);
        return new Outcome(run.ExitCode, run.Stdout, run.Stderr);
    }
}
