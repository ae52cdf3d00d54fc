using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ComplianceOs.Integration.Tests.Infrastructure;

namespace ComplianceOs.Integration.Tests.Playground;

/// <summary>
/// The real Microsoft 365 Agents Playground (tests/playground, @microsoft/m365agentsplayground 0.2.28) as a child
/// process: node with the loopback preload, on a free 127.0.0.1 port, acting as one demo user (the checked-in
/// <c>tests/playground/&lt;user&gt;.yml</c>, copied to a temp file with a fresh personal-chat id), pointed at a bot
/// endpoint. Installs the npm lockfile first when node_modules is missing. Disposing kills the whole process tree.
/// </summary>
internal sealed partial class PlaygroundProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(45);

    private readonly Process _process;
    private readonly string _tempDirectory;
    private readonly StringBuilder _output = new();

    private PlaygroundProcess(Process process, string tempDirectory, int port, string personalChatId)
    {
        _process = process;
        _tempDirectory = tempDirectory;
        Port = port;
        PersonalChatId = personalChatId;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The personal chat id written to this run's YAML (unique per run).</summary>
    public string PersonalChatId { get; }

    /// <summary>Everything the Playground printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string Directory => Path.Combine(NodeTools.RepoRoot, "tests", "playground");

    /// <param name="user">The identity file name without ".yml": priya, rahul or suresh.</param>
    /// <param name="botEndpoint">The bot's messaging endpoint, e.g. http://127.0.0.1:5123/api/messages.</param>
    public static async Task<PlaygroundProcess> StartAsync(string user, string botEndpoint)
    {
        await NodeTools.EnsureInstalledAsync(Path.Combine("tests", "playground"), Path.Combine("@microsoft", "m365agentsplayground"), "ws");

        var tempDirectory = Path.Combine(Path.GetTempPath(), $"complianceos-playground-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(tempDirectory);
        var personalChatId = $"a:playground-{user}-{Guid.NewGuid():N}";
        var yaml = PersonalChatIdLine().Replace(
            await File.ReadAllTextAsync(Path.Combine(Directory, $"{user}.yml")),
            m => $"{m.Groups[1].Value}{personalChatId}",
            count: 1);
        Assert.Contains(personalChatId, yaml);
        var configPath = Path.Combine(tempDirectory, $"{user}.yml");
        await File.WriteAllTextAsync(configPath, yaml);

        var port = FreePort();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = tempDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "-r", Path.Combine(Directory, "loopback.js"),
                     Path.Combine(Directory, "node_modules", "@microsoft", "m365agentsplayground", "cli.js"),
                     "-e", botEndpoint,
                     "-c", "msteams",
                     "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--service-url", $"http://127.0.0.1:{port}/_connector",
                     "--disable-telemetry",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configPath;
        info.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(tempDirectory, "playground.log");
        info.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        info.Environment["BROWSER"] = "none";

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        var playground = new PlaygroundProcess(process, tempDirectory, port, personalChatId);
        process.OutputDataReceived += (_, e) => playground.Append(e.Data);
        process.ErrorDataReceived += (_, e) => playground.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await playground.WaitUntilReadyAsync();
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }

        return playground;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not stoppable: nothing more to do here.
        }
        finally
        {
            _process.Dispose();
            try
            {
                System.IO.Directory.Delete(_tempDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Playground exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                var pong = await http.GetStringAsync($"{BaseUrl}/_debug/ping");
                if (pong.Contains("pong", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The Playground did not answer {BaseUrl}/_debug/ping within {StartTimeout}:\n{Output}");
    }

    /// <summary>A port nobody listens on right now (the Playground falls back to a random port if it is taken,
    /// which the readiness check would then catch).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    [GeneratedRegex(@"(?m)^(personalChat:\s*\r?\n\s+id:\s*).*$")]
    private static partial Regex PersonalChatIdLine();
}
