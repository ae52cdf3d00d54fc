using ComplianceOs.Domain.EvidenceVault.Links;
using ComplianceOs.Domain.EvidenceVault.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceOs.Domain.EvidenceVault;

public static class EvidenceVaultModule
{
    /// <summary>
    /// The evidence vault: its store (<see cref="EvidenceStorageModule.AddEvidenceStorage"/>), link signing
    /// (<c>Evidence:Links</c>, checked at start) and its commands. Apart from <c>AddDomainModule</c> because it needs
    /// the host's configuration; hosts that never touch evidence (the jobs worker) leave it out.
    /// </summary>
    public static IServiceCollection AddEvidenceVault(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEvidenceStorage(configuration);
        services.AddOptions<EvidenceLinkOptions>().Bind(configuration.GetSection(EvidenceLinkOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.SigningKey))
                {
                    o.SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                    o.KeyIsEphemeral = true;
                }
            })
            .Validate(o => o.Lifetime >= TimeSpan.FromMinutes(1) && o.Lifetime <= TimeSpan.FromDays(1), $"{EvidenceLinkOptions.Section}:Lifetime must be between 1 minute and 1 day")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps),
                $"{EvidenceLinkOptions.Section}:PublicBaseUrl must be an absolute http(s) address")
            .Validate(o => KeyLength(o.SigningKey) >= 32, $"{EvidenceLinkOptions.Section}:SigningKey must be at least 32 bytes, base64")
            .ValidateOnStart();
        services.AddSingleton<Inspection.ContentInspector>();
        services.AddSingleton<EvidenceLinkToken>();
        services.AddSingleton<Upload.UploadEvidenceHandler>();
        services.AddSingleton<Remove.RemoveEvidenceHandler>();
        services.AddSingleton<Review.VerifyEvidenceHandler>();
        services.AddSingleton<IssueEvidenceLinkHandler>();
        services.AddSingleton<OpenEvidenceHandler>();
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
