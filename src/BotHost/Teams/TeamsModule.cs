using ComplianceOs.BotHost.Cards.AdaptiveCards;
using ComplianceOs.BotHost.Conversation;
using ComplianceOs.BotHost.Teams.Auth;
using ComplianceOs.BotHost.Teams.Connector;

namespace ComplianceOs.BotHost.Teams;

public static class TeamsModule
{
    /// <summary>Inbound authentication, the connector client, the card renderer and the Teams turn handler.</summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBotAuthentication(configuration);
        // One token provider for the process, so its cached token is shared by every turn.
        services.AddHttpClient(nameof(ConnectorTokenProvider));
        services.AddSingleton(sp => new ConnectorTokenProvider(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ConnectorTokenProvider)),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConnectorTokenProvider>>()));
        services.AddHttpClient<ConnectorClient>();
        services.AddSingleton<AdaptiveCardRenderer>();
        services.AddConversation(configuration);
        // Pasted images need the connector token, so their source comes with the Teams channel.
        services.AddSingleton<Conversation.Evidence.IFileSource, Files.TeamsInlineImageSource>();
        services.AddOptions<Notifications.Email.EmailOptions>().BindConfiguration(Notifications.Email.EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Notifications.Email.EmailSender>();
        services.AddSingleton<Notifications.Digests.DigestCards>();
        services.AddSingleton<Notifications.NotificationDispatcher>();
        services.AddHostedService<Notifications.NotificationDispatchService>();
        services.AddScoped<TeamsBot>();
        services.AddScoped<Proactive.TeamsProactiveSender>();
        return services;
    }
}
