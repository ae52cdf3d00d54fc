using ComplianceOs.BotHost.Slack.Api;
using ComplianceOs.Domain.Channels.Slack.Install;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ComplianceOs.BotHost.Slack.Install;

/// <summary>
/// The OAuth v2 install flow. <c>GET /slack/install?link=…</c> checks the install link, ties this browser to a fresh
/// nonce in a cookie and redirects to Slack's authorize page with a protected <c>state</c>;
/// <c>GET /slack/oauth/callback</c> checks the state against the cookie (CSRF), exchanges the code, asks auth.test for
/// the bot id and records the install (<see cref="CompleteSlackInstallHandler"/>). Every outcome is a small HTML page
/// with a status naming it; with installs off (no <c>Slack:ClientId</c>) both answer 404.
/// </summary>
public static partial class SlackInstallEndpoints
{
    public const string InstallPath = SlackInstallLinkOptions.InstallPath;
    public const string CallbackPath = "/slack/oauth/callback";
    public const string NonceCookie = "cos_slack_install";

    /// <summary>The bot scopes requested (protocol notes B6: a compliance DM bot's minimum set).</summary>
    public static readonly IReadOnlyList<string> BotScopes =
        ["chat:write", "im:history", "im:write", "im:read", "app_mentions:read", "commands", "users:read", "users:read.email", "files:read"];

    /// <summary>Maps <c>GET /slack/install</c> and <c>GET /slack/oauth/callback</c>.</summary>
    public static IEndpointRouteBuilder MapSlackInstall(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(InstallPath, InstallAsync).ExcludeFromDescription();
        app.MapGet(CallbackPath, CallbackAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>The redirect URI registered with Slack and sent with both the authorize request and the code exchange.</summary>
    public static string RedirectUri(SlackOptions options) => options.PublicBaseUrl.TrimEnd('/') + CallbackPath;

    private static bool InstallsEnabled(SlackOptions o) => !string.IsNullOrWhiteSpace(o.ClientId);

    private static async Task<IResult> InstallAsync(
        HttpContext http, [FromQuery] string? link, IOptions<SlackOptions> options, SlackInstallTokens tokens, ComplianceDbFactory dbs, TimeProvider clock, CancellationToken ct)
    {
        var slack = options.Value;
        if (!InstallsEnabled(slack))
        {
            return Results.NotFound();
        }

        if (tokens.UnprotectLink(link) is not { } token)
        {
            return SlackInstallPages.Page(http, StatusCodes.Status400BadRequest, "This install link is not valid",
                "The link is incomplete or was not issued by Compliance OS. Ask your Compliance OS administrator for a new install link.");
        }

        Instant? usedAt;
        Instant expiresAt;
        await using (var db = dbs.ForTenant(token.TenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var row = await db.SlackInstallLinks.AsNoTracking()
                .Where(l => l.Id == token.LinkId)
                .Select(l => new { l.UsedAt, l.ExpiresAt })
                .SingleOrDefaultAsync(ct);
            if (row is null)
            {
                return SlackInstallPages.Page(http, StatusCodes.Status400BadRequest, "This install link is not valid",
                    "No such install link exists. Ask your Compliance OS administrator for a new install link.");
            }

            (usedAt, expiresAt) = (row.UsedAt, row.ExpiresAt);
        }

        if (usedAt is not null)
        {
            return LinkGone(http, "This install link was already used",
                "Each install link connects one Slack workspace, once. Ask your Compliance OS administrator for a new install link.");
        }

        if (expiresAt <= Instant.FromDateTimeOffset(clock.GetUtcNow()))
        {
            return LinkGone(http, "This install link has expired",
                "Install links work for 24 hours. Ask your Compliance OS administrator for a new install link.");
        }

        var nonce = SlackInstallTokens.NewNonce();
        http.Response.Cookies.Append(NonceCookie, nonce, CookieOptions(http, SlackInstallTokens.StateLifetime));
        var state = tokens.ProtectState(new SlackInstallState(token.TenantId, token.LinkId, nonce));
        var authorize = QueryHelpers.AddQueryString(slack.AuthorizeUrl, new Dictionary<string, string?>
        {
            ["client_id"] = slack.ClientId,
            ["scope"] = string.Join(',', BotScopes),
            ["redirect_uri"] = RedirectUri(slack),
            ["state"] = state,
        });
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Redirect(authorize);
    }

    private static async Task<IResult> CallbackAsync(
        HttpContext http,
        [FromQuery] string? code,
        [FromQuery] string? state,
        [FromQuery] string? error,
        IOptions<SlackOptions> options,
        SlackInstallTokens tokens,
        SlackApiClient slackApi,
        CompleteSlackInstallHandler complete,
        ILogger<CompleteSlackInstallHandler> logger,
        CancellationToken ct)
    {
        var slack = options.Value;
        if (!InstallsEnabled(slack))
        {
            return Results.NotFound();
        }

        if (!string.IsNullOrEmpty(error))
        {
            ForgetBrowser(http);
            return error == "access_denied"
                ? SlackInstallPages.Page(http, StatusCodes.Status200OK, "Installation cancelled",
                    "Compliance OS was not installed: the installation was cancelled in Slack. Open the install link again to retry.")
                : SlackInstallPages.Page(http, StatusCodes.Status400BadRequest, "Installation did not complete",
                    $"Slack reported \"{Truncate(error, 100)}\". Open the install link again to retry.");
        }

        if (tokens.UnprotectState(state) is not { } parsed)
        {
            return SlackInstallPages.Page(http, StatusCodes.Status400BadRequest, "This installation request is not valid",
                "The request did not come from an install started here, or it took longer than 30 minutes. Open the install link again.");
        }

        if (!SlackInstallTokens.NoncesMatch(parsed.Nonce, http.Request.Cookies[NonceCookie]))
        {
            LogStateMismatch(logger, parsed.TenantId, parsed.LinkId);
            return SlackInstallPages.Page(http, StatusCodes.Status400BadRequest, "This installation was started in another browser",
                "For your security the installation must finish in the browser that opened the install link. Open the install link again here.");
        }

        if (string.IsNullOrWhiteSpace(code) || code.Length > 512)
        {
            return SlackInstallPages.Page(http, StatusCodes.Status400BadRequest, "This installation request is not valid",
                "Slack sent no authorisation code. Open the install link again.");
        }

        var access = await slackApi.OAuthAccessAsync(slack.ClientId, slack.ClientSecret, code, RedirectUri(slack), ct);
        if (!access.Ok || access.AccessToken is null)
        {
            LogSlackRefused(logger, "oauth.v2.access", access.Error, parsed.TenantId);
            return SlackInstallPages.Page(http, StatusCodes.Status502BadGateway, "Slack did not complete the installation",
                $"Slack answered \"{Truncate(access.Error, 100)}\" when Compliance OS asked for its access token. Open the install link again to retry.");
        }

        if (access.IsEnterpriseInstall || string.IsNullOrWhiteSpace(access.TeamId))
        {
            return SlackInstallPages.Page(http, StatusCodes.Status400BadRequest, "Org-wide installs are not supported",
                "Compliance OS is installed one workspace at a time. Install it into a single workspace of your organisation.");
        }

        var identity = await slackApi.AuthTestAsync(access.AccessToken, ct);
        if (!identity.Ok)
        {
            LogSlackRefused(logger, "auth.test", identity.Error, parsed.TenantId);
            return SlackInstallPages.Page(http, StatusCodes.Status502BadGateway, "Slack did not complete the installation",
                $"Slack answered \"{Truncate(identity.Error, 100)}\" when Compliance OS checked its new access token. Open the install link again to retry.");
        }

        if (!string.Equals(identity.Value.TeamId, access.TeamId, StringComparison.OrdinalIgnoreCase))
        {
            LogSlackRefused(logger, "auth.test", "team_mismatch", parsed.TenantId);
            return SlackInstallPages.Page(http, StatusCodes.Status502BadGateway, "Slack did not complete the installation",
                "Slack's answers named two different workspaces. Open the install link again to retry.");
        }

        var ctx = new CommandContext(
            parsed.TenantId, Actor.System($"slack-install:{access.AuthedUserId ?? "unknown"}"), Channel.Slack, http.TraceIdentifier);
        var result = await complete.HandleAsync(ctx, new CompleteSlackInstallCommand(
            parsed.LinkId,
            access.TeamId,
            access.TeamName,
            access.EnterpriseId,
            access.AccessToken,
            access.BotUserId ?? identity.Value.UserId,
            identity.Value.BotId,
            access.AppId ?? string.Empty,
            access.Scope ?? string.Empty,
            access.AuthedUserId), ct);

        if (!result.Succeeded)
        {
            var failure = result.Errors[0];
            LogInstallRefused(logger, failure.Code, parsed.TenantId, access.TeamId);
            return failure switch
            {
                SlackInstallLinkUnusableError => LinkGone(http, "This install link was already used or expired",
                    "Nothing was changed. Ask your Compliance OS administrator for a new install link."),
                SlackWorkspaceTakenError => SlackInstallPages.Page(http, StatusCodes.Status409Conflict, "Workspace already connected",
                    "This Slack workspace is already connected to another organisation in Compliance OS. Nothing was changed."),
                _ => SlackInstallPages.Page(http, StatusCodes.Status502BadGateway, "Slack did not complete the installation",
                    "Slack's answer was incomplete. Open the install link again to retry."),
            };
        }

        ForgetBrowser(http);
        var installed = result.Value!;
        LogInstalled(logger, installed.TeamId, parsed.TenantId, installed.Reinstalled);
        var workspace = installed.TeamName ?? installed.TeamId;
        return SlackInstallPages.Page(http, StatusCodes.Status200OK, $"Compliance OS is installed in {workspace}",
            $"Compliance OS is installed in {workspace}. People can now message it in Slack; you can close this page.");
    }

    private static IResult LinkGone(HttpContext http, string title, string message)
    {
        ForgetBrowser(http);
        return SlackInstallPages.Page(http, StatusCodes.Status410Gone, title, message);
    }

    private static CookieOptions CookieOptions(HttpContext http, TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/slack",
        MaxAge = maxAge,
        IsEssential = true,
    };

    private static void ForgetBrowser(HttpContext http)
    {
        if (http.Request.Cookies.ContainsKey(NonceCookie))
        {
            http.Response.Cookies.Delete(NonceCookie, CookieOptions(http, TimeSpan.Zero));
        }
    }

    private static string Truncate(string? value, int max) =>
        string.IsNullOrEmpty(value) ? "unknown_error" : value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack install callback for tenant {TenantId}, link {LinkId}: the state's nonce does not match this browser's cookie; refused.")]
    private static partial void LogStateMismatch(ILogger logger, Guid tenantId, Guid linkId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack install for tenant {TenantId}: {Method} answered {Error}.")]
    private static partial void LogSlackRefused(ILogger logger, string method, string? error, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack install of workspace {TeamId} for tenant {TenantId} refused: {Code}; nothing written.")]
    private static partial void LogInstallRefused(ILogger logger, string code, Guid tenantId, string teamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack workspace {TeamId} installed for tenant {TenantId} (reinstall: {Reinstalled}).")]
    private static partial void LogInstalled(ILogger logger, string teamId, Guid tenantId, bool reinstalled);
}
