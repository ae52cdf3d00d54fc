using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ComplianceOs.AdminPortal.Accounts;

/// <summary>
/// Password guessing is slowed per client address (on top of the per-credential lockout, which alone would let one
/// address try every account): a fixed window of <see cref="PortalSignInOptions.AttemptsPerMinute"/> sign-in POSTs.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static RateLimitPartition<string> Partition(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("get");
        }

        var limit = http.RequestServices.GetRequiredService<IOptions<PortalSignInOptions>>().Value.AttemptsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }

    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = "60";
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("Too many sign-in attempts from this address. Wait a minute and try again.", ct);
    }
}
