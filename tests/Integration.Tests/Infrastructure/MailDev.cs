using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>One e-mail as maildev caught it.</summary>
public sealed record CaughtEmail(string Id, string To, string Subject, string Text, string Html);

/// <summary>
/// maildev (npm, tests/js), a real SMTP server that keeps what it receives and shows it over HTTP: the product
/// sends through MailKit exactly as in production, only the configured host differs. Bound to 127.0.0.1 on free ports.
/// </summary>
public sealed class MailDev : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private MailDev(Process process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public int SmtpPort { get; }

    public static async Task<MailDev> StartAsync()
    {
        var folder = await NodeTools.EnsureInstalledAsync(Path.Combine("tests", "js"), "maildev");
        var smtp = FreePort();
        var web = FreePort();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine("node_modules", "maildev", "dist", "bin", "maildev.js"), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "-s", smtp.ToString(), "-w", web.ToString(), "--silent" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start maildev");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var mail = new MailDev(process, smtp, web);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if ((await mail._http.GetAsync("api/healthz")).IsSuccessStatusCode)
                {
                    return mail;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await mail.DisposeAsync();
                throw new InvalidOperationException("maildev did not start");
            }

            await Task.Delay(200);
        }
    }

    public async Task<IReadOnlyList<CaughtEmail>> EmailsAsync()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync("api/email"));
        return doc.RootElement.EnumerateArray().Select(e => new CaughtEmail(
            e.GetProperty("id").GetString()!,
            string.Join(",", e.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString())),
            e.GetProperty("subject").GetString() ?? string.Empty,
            e.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty,
            e.TryGetProperty("html", out var html) ? html.GetString() ?? string.Empty : string.Empty)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
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
