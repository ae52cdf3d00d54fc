using System.Threading.RateLimiting;
using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.AdminPortal.Jobs;
using ComplianceOs.AdminPortal.Security;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Channels.Slack.Install;
using ComplianceOs.Rag;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ComplianceOs.AdminPortal;

/// <summary>
/// The portal's web host: Razor Pages behind cookie sign-in, every page an admin's or an operator's, security
/// headers on every response. Tests build it the same way with their own settings.
/// </summary>
public static class PortalApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Its pages are found by the application's name: not the test runner's when tests build the host.
            ApplicationName = typeof(PortalApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        // No appsettings.json of its own (a test project referencing both hosts would get two): defaults in code.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configure?.Invoke(builder);
        var connection = builder.Configuration.GetConnectionString("ComplianceDb");
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException("ConnectionStrings:ComplianceDb is not set (the application role's connection string).");
        }

        var services = builder.Services;
        services.AddDomainModule(connection);
        services.AddOptions<PortalSignInOptions>().BindConfiguration(PortalSignInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPasswordHasher<PortalCredentialUser>, PasswordHasher<PortalCredentialUser>>();
        services.AddSingleton<PortalSignIn>();
        services.AddSingleton<PortalPasswords>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentAdmin>();
        // Tenant admins' reference documents are embedded as the bot host embeds its questions (the same Assistant:*
        // settings), or retrieval would compare vectors of two models.
        services.AddRag(builder.Configuration);
        // Operators issue Slack install links that the bot host opens: the same Slack:* keys and key ring.
        services.AddSlackInstallLinks(builder.Configuration, validateOnStart: true);
        services.AddJobsDashboard(connection);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            // __Host-: only this host, path /, Secure — browsers treat 127.0.0.1 and localhost as secure origins.
            o.Cookie.Name = "__Host-cos-admin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/Denied";
            o.Events.OnValidatePrincipal = PrincipalCheck.ValidateAsync;
            // A signed-in account on a page not for it gets 403 where it asked (the error page re-executes with the
            // reason), rather than a redirect that a script or a test would read as success.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.TenantAdmin, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.Kind, PortalClaims.TenantAdminKind))
            .AddPolicy(PortalPolicies.Operator, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.Kind, PortalClaims.OperatorKind))
            .AddPolicy(PortalPolicies.Anyone, p => p.RequireAuthenticatedUser());
        services.AddAntiforgery(o =>
        {
            // Secure whenever the request is https (behind TLS in production); the antiforgery system refuses
            // "Always" on plain http, which is how run.sh serves it on loopback.
            o.Cookie.Name = "cos-af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", PortalPolicies.Anyone);
            o.Conventions.AuthorizeFolder("/Tenant", PortalPolicies.TenantAdmin);
            o.Conventions.AuthorizeFolder("/Operator", PortalPolicies.Operator);
            o.Conventions.AllowAnonymousToPage("/Account/SignIn");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit.Policy, SignInRateLimit.Partition);
            o.OnRejected = SignInRateLimit.OnRejectedAsync;
        });

        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            // A request Kestrel refuses while it is read (an upload over its size limit) is the client's: 413, not 500.
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapOperatorJobsDashboard();
        return app;
    }
}
