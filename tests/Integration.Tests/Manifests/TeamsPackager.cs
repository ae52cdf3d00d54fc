using System.Diagnostics;

namespace ComplianceOs.Integration.Tests.Manifests;

/// <summary>
/// Runs manifests/teams/package.js with node. Installs the tests/js lockfile first when
/// node_modules lacks @microsoft/app-manifest (same approach as Cards/AdaptiveCardParser).
/// </summary>
internal static class TeamsPackager
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string JsDirectory => Path.Combine(RepoRoot, "tests", "js");

    public static string Script => Path.Combine(RepoRoot, "manifests", "teams", "package.js");

    public static string TemplatePath => Path.Combine(RepoRoot, "manifests", "teams", "manifest.template.json");

    public static async Task<Outcome> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        await EnsureInstalledAsync();
        // Without an explicit value, make sure an ambient Bot__AppId cannot leak into the run.
        var env = new Dictionary<string, string?> { ["Bot__AppId"] = null };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return await RunProcessAsync("node", [Script, .. args], RepoRoot, NodeTimeout, env);
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(JsDirectory, "node_modules", "@microsoft", "app-manifest")))
            {
                return;
            }

            // One retry: another test class may be running `npm ci` in the same folder at the same time.
            var install = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"], JsDirectory, NpmTimeout);
            if (install.ExitCode != 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                install = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"], JsDirectory, NpmTimeout);
            }

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

    private static string FindRepoRoot()
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

    private static async Task<Outcome> RunProcessAsync(
        string program,
        IReadOnlyList<string> args,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
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

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
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
