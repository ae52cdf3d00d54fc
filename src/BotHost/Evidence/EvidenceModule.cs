using ComplianceOs.BotHost.Conversation.Evidence;
using ComplianceOs.BotHost.Teams.Files;
using ComplianceOs.Domain.EvidenceVault.Links;
using ComplianceOs.Domain.EvidenceVault.Storage;

namespace ComplianceOs.BotHost.Evidence;

public static class EvidenceModule
{
    /// <summary>The store (Azure Blob Storage when configured, else a local folder), link signing, and the chat file sources.</summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEvidenceStorage(configuration);
        services.AddOptions<EvidenceLinkOptions>().BindConfiguration(EvidenceLinkOptions.Section)
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.SigningKey))
                {
                    o.SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                    o.KeyIsEphemeral = true;
                }
            })
            .ValidateDataAnnotations()
            .Validate(o => KeyLength(o.SigningKey) >= 32, $"{EvidenceLinkOptions.Section}:SigningKey must be at least 32 bytes, base64")
            .ValidateOnStart();
        services.AddOptions<TeamsFileOptions>().BindConfiguration(TeamsFileOptions.Section);
        services.AddHttpClient(TeamsFileSource.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(5));
        services.AddSingleton<IFileSource, TeamsFileSource>();
        services.AddSingleton<IFileSource, Slack.Files.SlackFileSource>();
        services.AddSingleton<FileSources>();
        services.AddSingleton<ComplianceOs.Domain.Channels.ConversationFocusStore>();
        return services;
    }

    private static int KeyLength(string key)
    {
        try
        {
            return Convert.FromBase64String(key).Length;
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}
