using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Teams.Auth;

/// <summary>Registers inbound Bot Framework authentication.</summary>
public static class BotAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BotOptions"/> bound from the <c>Bot</c> section of <paramref name="configuration"/> and
    /// validated on start (<see cref="BotOptionsValidator"/>), <see cref="TimeProvider.System"/> unless one is already
    /// registered, the singleton <see cref="OpenIdKeyCache"/> with its own <see cref="IHttpClientFactory"/> client
    /// (10 s timeout, 1 MB response cap), and the singleton <see cref="BotTokenValidator"/>. Idempotent for the
    /// singletons (TryAdd).
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotOptions>()
            .Bind(configuration.GetSection(BotOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, BotOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(OpenIdKeyCache.HttpClientName, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(10);
                client.MaxResponseContentBufferSize = 1024 * 1024;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) });
        services.TryAddSingleton(sp => new OpenIdKeyCache(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenIdKeyCache.HttpClientName),
            sp.GetRequiredService<IOptions<BotOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OpenIdKeyCache>>()));
        services.TryAddSingleton<BotTokenValidator>();
        return services;
    }
}
