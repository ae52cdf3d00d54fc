using ComplianceOs.BotHost.Conversation.Evidence;
using ComplianceOs.BotHost.Teams.Files;
using ComplianceOs.Domain.EvidenceVault;

namespace ComplianceOs.BotHost.Evidence;

public static class EvidenceModule
{
    /// <summary>
    /// The evidence vault (store, link signing, commands) and the Teams file source; Slack's file source comes with
    /// the Slack channel, which owns the workspace tokens it needs.
    /// </summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEvidenceVault(configuration);
        services.AddOptions<TeamsFileOptions>().Bind(configuration.GetSection(TeamsFileOptions.Section));
        services.AddHttpClient(TeamsFileSource.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(5));
        services.AddSingleton<IFileSource, TeamsFileSource>();
        services.AddSingleton<FileSources>();
        return services;
    }
}
