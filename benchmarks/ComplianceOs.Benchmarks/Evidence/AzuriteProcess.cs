using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ComplianceOs.Benchmarks.Evidence;

/// <summary>
/// Azurite's blob service (tests/js, 3.35.0), started by the benchmark on a free loopback port with in-memory
/// persistence, and stopped (by its pid) at the end.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public; the emulator's only account).</summary>
    public const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly StringBuilder _errors;

    private AzuriteProcess(Process process, int port, StringBuilder errors)
    {
        _process = process;
        Port = port;
        _errors = errors;
    }

    public int Port { get; }

    /// <summary>What Azurite wrote to stderr so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public int Pid => _process.Id;

    public string ConnectionString => ConnectionStringFor(Port);

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};BlobEndpoint=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/devstoreaccount1;";

    /// <summary>The package's <c>azurite-blob</c> entry point under <paramref name="root"/>/tests/js.</summary>
    public static string EntryPoint(string root) => Path.Combine(root, "tests", "js", "node_modules", "azurite", "dist", "src", "blob", "main.js");

    public static async Task<AzuriteProcess> StartAsync(string root)
    {
        var entry = EntryPoint(root);
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({entry} is missing): run `npm ci` in tests/js (or `npm i azurite@3.35.0 --no-save` there)");
        }

        var port = FreePort();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(root, "tests", "js"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     entry, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(CultureInfo.InvariantCulture),
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                 })
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start Azurite (node)");
        var errors = new StringBuilder();
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
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var azurite = new AzuriteProcess(process, port, errors);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with {process.ExitCode}: {errors}");
            }

            try
            {
                // Any answer (an unauthenticated list is refused) means it is listening.
                using var response = await probe.GetAsync($"http://127.0.0.1:{port}/devstoreaccount1?comp=list");
                return azurite;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        await azurite.DisposeAsync();
        throw new InvalidOperationException($"Azurite did not come up within 30 s: {errors}");
    }

    /// <summary>User + system CPU seconds the process <paramref name="pid"/> has used so far (from /proc; 0 where there is none).</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Azurite's resident set now, in MB (from /proc; 0 where there is none).</summary>
    public double ResidentMb()
    {
        try
        {
            var line = File.ReadLines($"/proc/{Pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
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

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
