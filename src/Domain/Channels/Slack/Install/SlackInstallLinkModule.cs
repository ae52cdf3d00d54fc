using ComplianceOs.Domain.Channels.Slack.IssueInstallLink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ComplianceOs.Domain.Channels.Slack.Install;

public static class SlackInstallLinkModule
{
    /// <summary>
    /// Registers what issuing Slack install links needs: <see cref="SlackInstallLinkOptions"/> bound from <c>Slack</c>,
    /// Data Protection with the key ring of <see cref="SlackKeyRing"/> (read from <paramref name="configuration"/>
    /// now, so set those keys before calling this), <see cref="SlackInstallTokens"/> and
    /// <see cref="IssueSlackInstallLinkHandler"/>. With <paramref name="validateOnStart"/>,
    /// <see cref="SlackInstallLinkOptionsValidator"/> checks the settings at start (a host that validates the same keys
    /// in options of its own passes false, so one mistake fails start-up once).
    /// </summary>
    public static IServiceCollection AddSlackInstallLinks(this IServiceCollection services, IConfiguration configuration, bool validateOnStart)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(SlackInstallLinkOptions.Section);
        var options = services.AddOptions<SlackInstallLinkOptions>().Bind(section);
        if (validateOnStart)
        {
            options.ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackInstallLinkOptions>, SlackInstallLinkOptionsValidator>());
        }

        if (!services.Any(d => d.ServiceType == typeof(SlackKeyRing)))
        {
            services.AddSingleton(SlackKeyRing.Register(services, section.Get<SlackInstallLinkOptions>() ?? new SlackInstallLinkOptions()));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackInstallTokens>();
        services.TryAddSingleton<IssueSlackInstallLinkHandler>();
        return services;
    }
}
