using ComplianceOs.Integration.Tests.Infrastructure;

namespace ComplianceOs.Integration.Tests.Manifests;

/// <summary>
/// Runs manifests/teams/package.js with node. Installs the tests/js lockfile first when
/// node_modules lacks @microsoft/app-manifest (same approach as Cards/AdaptiveCardParser).
/// </summary>
internal static class TeamsPackager
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(60);

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public static string RepoRoot => NodeTools.RepoRoot;

    public static string JsDirectory => Path.Combine(RepoRoot, "tests", "js");

    public static string Script => Path.Combine(RepoRoot, "manifests", "teams", "package.js");

    public static string TemplatePath => Path.Combine(RepoRoot, "manifests", "teams", "manifest.template.json");

    public static async Task<Outcome> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        await NodeTools.EnsureInstalledAsync(Path.Combine("tests", "js"), "adaptivecards", Path.Combine("@microsoft", "app-manifest"));
        // Without an explicit value, make sure an ambient Bot__AppId cannot leak into the run.
        var env = new Dictionary<string, string?> { ["Bot__AppId"] = null };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var run = await NodeTools.RunAsync("node", [Script, .. args], RepoRoot, NodeTimeout, env);
        return new Outcome(run.ExitCode, run.Stdout, run.Stderr);
    }
}
