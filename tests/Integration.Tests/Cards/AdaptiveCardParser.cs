using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ComplianceOs.Integration.Tests.Cards;

/// <summary>
/// Runs tests/js/validate-adaptive-card.js (the official adaptivecards@3.0.6 parser) on card
/// files. Installs the npm lockfile first when a fresh clone has no node_modules yet, so the
/// test does not depend on the scripts having run.
/// </summary>
internal static class AdaptiveCardParser
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);

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

    public static string JsDirectory => Path.Combine(RepoRoot(), "tests", "js");

    public static async Task<Outcome> ValidateAsync(IEnumerable<string> files)
    {
        await EnsureInstalledAsync();
        var script = Path.Combine(JsDirectory, "validate-adaptive-card.js");
        return await RunAsync("node", [script, .. files], JsDirectory, NodeTimeout);
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(JsDirectory, "node_modules", "adaptivecards")))
            {
                return;
            }

            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], JsDirectory, NpmTimeout);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {JsDirectory} failed: {install}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ComplianceOs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ComplianceOs.sln above {AppContext.BaseDirectory}.");
    }

    private static async Task<Outcome> RunAsync(string program, IReadOnlyList<string> args, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        // Read both streams concurrently, or a full stderr pipe can block the child forever.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}.");
        }

        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
