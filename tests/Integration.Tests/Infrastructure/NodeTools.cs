using System.Diagnostics;

namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>The output of a finished child process.</summary>
public sealed record ProcessOutcome(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// Runs the npm tools the tests use as outside checkers (tests/js, tests/playground). The set-up scripts install
/// them; a test run from a fresh clone without the scripts installs a folder's lockfile first. One lock for every
/// folder, because two `npm ci` runs in one folder delete each other's node_modules.
/// </summary>
public static class NodeTools
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Runs <c>npm ci</c> in <paramref name="folder"/> (relative to the repo root) unless every package is there.</summary>
    public static async Task<string> EnsureInstalledAsync(string folder, params string[] packages)
    {
        var directory = Path.Combine(RepoRoot, folder);
        await InstallLock.WaitAsync();
        try
        {
            if (packages.All(p => Directory.Exists(Path.Combine(directory, "node_modules", p))))
            {
                return directory;
            }

            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], directory, NpmTimeout);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {folder} failed: {install}");
            }

            return directory;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <param name="environment">Variables to set; a null value removes the variable from the child's environment.</param>
    public static async Task<ProcessOutcome> RunAsync(
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

        return new ProcessOutcome(process.ExitCode, await stdout, await stderr);
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
}
