namespace ComplianceOs.AdminPortal.Security;

/// <summary>
/// Headers on every response: a strict content security policy (our own scripts and styles only, no framing, forms
/// post only here), no MIME sniffing, no referrer leaving the site, and pages never cached.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Where the jobs dashboard lives (<see cref="Jobs.JobsDashboard"/>).</summary>
    public const string DashboardPath = ComplianceOs.Jobs.Dashboard.DashboardAccess.Path;

    /// <summary>
    /// The policy under <see cref="DashboardPath"/> only: Hangfire's dashboard pages carry inline scripts and styles
    /// of their own, which the strict policy would block. Everything else keeps the strict one.
    /// </summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var h = http.Response.Headers;
                // Decided when the response starts, not when the request arrives: the dashboard runs under a path
                // base of /hangfire, while the error page re-executed for a refused dashboard request is at /Error
                // by then and keeps the strict policy.
                h.ContentSecurityPolicy = IsDashboard(http.Request) ? DashboardContentSecurityPolicy : ContentSecurityPolicy;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "same-origin";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!h.ContainsKey("Cache-Control"))
                {
                    h.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(http);
        });

    private static bool IsDashboard(HttpRequest request) => request.PathBase.Add(request.Path).StartsWithSegments(DashboardPath);
}
