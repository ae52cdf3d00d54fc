using ComplianceOs.BotHost.Slack.Api;
using ComplianceOs.Domain.Channels.Slack.Install;
using ComplianceOs.Domain.Channels.Slack.IssueInstallLink;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Slack.Install;

public static class SlackInstallModule
{
    /// <summary>
    /// Registers OAuth v2 installs: <see cref="SlackOptions"/> bound from <c>Slack</c> and validated on start
    /// (<see cref="SlackInstallOptionsValidator"/>: with <c>Slack:ClientId</c> set, a key ring protection key or
    /// certificate is required), Data Protection with the key ring of <see cref="SlackKeyRing"/> (read from
    /// <paramref name="configuration"/> now, so set those keys before calling this), <see cref="SlackTokenProtector"/>,
    /// <see cref="SlackInstallTokens"/>, <see cref="IssueSlackInstallLinkHandler"/>, <see cref="CompleteSlackInstallHandler"/>,
    /// <see cref="SlackInstalledTokens"/>, and the Slack Web API client unless already registered.
    /// </summary>
    public static IServiceCollection AddSlackInstall(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(SlackOptions.Section);
        services.AddOptions<SlackOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackInstallOptionsValidator>());
        // The key ring, the link tokens and the issuing handler live in Domain: the admin portal issues links too.
        // Their settings are checked above, with the rest of SlackOptions.
        services.AddSlackInstallLinks(configuration, validateOnStart: false);
        services.TryAddSingleton<SlackTokenProtector>();
        services.TryAddSingleton<CompleteSlackInstallHandler>();
        services.TryAddSingleton<SlackInstalledTokens>();
        if (!services.Any(d => d.ServiceType == typeof(SlackApiClient)))
        {
            services.AddSlackApi();
        }

        return services;
    }
}
