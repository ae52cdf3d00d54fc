using System.Net;
using System.Security.Cryptography;
using System.Text;
using ComplianceOs.Jobs.Hosting;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ComplianceOs.Jobs.Dashboard;

/// <summary>
/// Who may open the Hangfire dashboard (it shows every tenant's jobs): a request from loopback with the configured
/// HTTP Basic credentials. Without configured credentials the dashboard is not mapped at all — never anonymous.
/// </summary>
public static class DashboardAccess
{
    public const string Path = "/hangfire";

    public enum Verdict
    {
        Allowed,
        NotLoopback,
        NeedsCredentials,
    }

    public static Verdict Check(HttpContext http, Hosting.DashboardOptions options)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            return Verdict.NotLoopback;
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return Verdict.NeedsCredentials;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return Verdict.NeedsCredentials;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && options.Enabled && Same(decoded[..colon], options.User!) && Same(decoded[(colon + 1)..], options.Password!)
            ? Verdict.Allowed
            : Verdict.NeedsCredentials;
    }

    /// <summary>Maps the dashboard when credentials are configured; a refused request gets 404 (not loopback) or a Basic challenge.</summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value.Dashboard;
        if (!options.Enabled)
        {
            return app;
        }

        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(Path))
            {
                switch (Check(http, options))
                {
                    case Verdict.NotLoopback:
                        http.Response.StatusCode = StatusCodes.Status404NotFound;
                        return;
                    case Verdict.NeedsCredentials:
                        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Compliance OS jobs\", charset=\"UTF-8\"";
                        return;
                }
            }

            await next(http);
        });
        app.UseHangfireDashboard(Path, new DashboardOptionsWithoutFilters());
        return app;
    }

    // Fixed-time comparison: the password's length and prefix are not revealed by timing.
    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>The middleware above decides; Hangfire's own default (local requests only) would repeat half of it.</summary>
    private sealed class DashboardOptionsWithoutFilters : Hangfire.DashboardOptions
    {
        public DashboardOptionsWithoutFilters()
        {
            Authorization = [new Passed()];
            DashboardTitle = "Compliance OS jobs";
        }
    }

    private sealed class Passed : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => true;
    }
}
