using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;

namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>
/// Azurite (npm, tests/js), Microsoft's Azure Blob Storage emulator: the product talks to it through the Azure SDK
/// exactly as to Azure, only the connection string differs. In memory, bound to 127.0.0.1 on a free port.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    /// <summary>The emulator's well-known development account (public, documented by Microsoft).</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private Azurite(Process process, int port)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public BlobServiceClient Client() => new(ConnectionString);

    public static async Task<Azurite> StartAsync()
    {
        var folder = await NodeTools.EnsureInstalledAsync(Path.Combine("tests", "js"), "azurite");
        var port = FreePort();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine("node_modules", "azurite", "dist", "src", "blob", "main.js"), "--blobHost", "127.0.0.1", "--blobPort", port.ToString(),
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start azurite");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, port);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                // Any answer will do (an unsigned request gets 403): the server is up.
                using var _ = await http.GetAsync($"http://127.0.0.1:{port}/devstoreaccount1?comp=list");
                return azurite;
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException("azurite did not start");
            }

            await Task.Delay(100);
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
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One Azurite for a test class (xunit class fixture); tests isolate themselves with containers of their own.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public Azurite Emulator => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
