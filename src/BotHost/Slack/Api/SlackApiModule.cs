using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ComplianceOs.BotHost.Slack.Api;

public static class SlackApiModule
{
    /// <summary>
    /// The Slack Web API client as a typed HttpClient, with its rate-limit state as a singleton shared by every client
    /// instance. Reads <see cref="SlackOptions"/> (bound by the caller) for the API base URL. No proxy; connections are
    /// recycled every few minutes so DNS changes are picked up; redirects are followed (HttpClient drops the
    /// Authorization header when following one).
    /// </summary>
    public static IServiceCollection AddSlackApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SlackOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackRateLimits>();
        services.AddHttpClient<SlackApiClient>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                UseProxy = false,
                AutomaticDecompression = DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .SetHandlerLifetime(TimeSpan.FromMinutes(5));
        return services;
    }
}
