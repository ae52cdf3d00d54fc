using ComplianceOs.BotHost.Slack.Api;
using ComplianceOs.BotHost.Slack.Endpoints;
using ComplianceOs.BotHost.Slack.Inbox;
using ComplianceOs.BotHost.Slack.Install;
using ComplianceOs.BotHost.Slack.Proactive;
using ComplianceOs.BotHost.Slack.Signing;
using ComplianceOs.BotHost.Slack.Turns;
using ComplianceOs.BotHost.Slack.Workspaces;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Slack;

public static class SlackModule
{
    /// <summary>Request verification, the inbox and its worker, the Web API client, workspaces, installs and the Slack turn.</summary>
    public static IServiceCollection AddSlackChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.AddSingleton<SlackSignatureVerifier>();
        services.AddSlackApi();
        services.AddSlackInstall(configuration);
        services.AddSingleton<SlackInboxSignal>();
        services.AddSingleton<SlackWorkspaces>();
        services.AddSingleton<Conversation.Evidence.IFileSource, Files.SlackFileSource>();
        services.AddScoped<SlackDelivery>();
        services.AddScoped<SlackTurns>();
        services.AddScoped<ForgetSlackInstall>();
        services.AddScoped<SlackProactiveSender>();
        services.AddHostedService<SlackInboxWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        app.MapPost("/slack/events", EventsEndpoint.HandleAsync);
        app.MapPost("/slack/interactions", InteractionsEndpoint.HandleAsync);
        app.MapPost("/slack/commands", CommandsEndpoint.HandleAsync);
        app.MapSlackInstall();
        return app;
    }
}
