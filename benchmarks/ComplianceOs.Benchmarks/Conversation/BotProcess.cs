using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ComplianceOs.Benchmarks.Conversation;

/// <summary>A bot under test, started as its own process on a free loopback port and stopped at the end.</summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BotProcess(Process process, string baseUrl, string label)
    {
        _process = process;
        BaseUrl = baseUrl;
        Label = label;
    }

    public string BaseUrl { get; }

    /// <summary>Lines the bot wrote to stdout (the first 20 are echoed): a busy logger costs throughput.</summary>
    public static long OutputLines;

    public string Label { get; }

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<BotProcess> StartAsync(string label, string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment, Func<HttpClient, string, Task<bool>> ready)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            info.Environment[k] = v;
        }

        // BENCH_BOT_X=value reaches the bot as X=value (runtime knobs for experiments, e.g. BENCH_BOT_DOTNET_gcServer=0).
        foreach (var entry in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>())
        {
            if (entry.Key is string name && name.StartsWith("BENCH_BOT_", StringComparison.Ordinal))
            {
                info.Environment[name["BENCH_BOT_".Length..]] = entry.Value as string;
            }
        }

        info.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {label}");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && Interlocked.Increment(ref OutputLines) <= 20)
            {
                Console.WriteLine($"  [{label}] {e.Data}");
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var baseUrl = $"http://127.0.0.1:{port}";
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{label} exited with {process.ExitCode}: {errors}");
            }

            try
            {
                if (await ready(probe, baseUrl))
                {
                    return new BotProcess(process, baseUrl, label);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"{label} did not come up within 60 s: {errors}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
