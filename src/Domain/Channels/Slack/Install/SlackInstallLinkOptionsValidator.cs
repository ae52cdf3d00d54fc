using Microsoft.Extensions.Options;

namespace ComplianceOs.Domain.Channels.Slack.Install;

/// <summary>
/// Fails start-up (with <c>ValidateOnStart</c>) when installs are on (<c>Slack:ClientId</c> set) but links cannot be
/// issued or would be signed by an unprotected key ring. Installs off: nothing to check. Messages name configuration
/// keys and never echo secret values.
/// </summary>
public sealed class SlackInstallLinkOptionsValidator(SlackKeyRing keyRing) : IValidateOptions<SlackInstallLinkOptions>
{
    public const string ProtectionRequired =
        "Slack:KeyRingProtectionKey (base64, at least 32 bytes) or Slack:KeyRingCertificatePath is required when Slack:ClientId is set: " +
        "installed bot tokens are encrypted with a key ring that must itself be encrypted at rest.";

    public ValidateOptionsResult Validate(string? name, SlackInstallLinkOptions options)
    {
        var failures = Failures(options, keyRing);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What is wrong with the install-link settings when installs are on; empty when they are off or fine.</summary>
    public static List<string> Failures(SlackInstallLinkOptions options, SlackKeyRing keyRing)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyRing);
        var failures = new List<string>();
        if (!options.InstallsEnabled)
        {
            return failures;
        }

        if (!IsAllowedUrl(options.PublicBaseUrl))
        {
            failures.Add("Slack:PublicBaseUrl must be an absolute https URL (http only for loopback) when Slack:ClientId is set: it is the OAuth redirect's base.");
        }

        var hasKey = !string.IsNullOrWhiteSpace(options.KeyRingProtectionKey);
        var hasCertificate = !string.IsNullOrWhiteSpace(options.KeyRingCertificatePath);
        if (!hasKey && !hasCertificate)
        {
            failures.Add(ProtectionRequired);
        }

        if (hasKey && KeyRingProtectionKey.TryParse(options.KeyRingProtectionKey, out var keyProblem) is null)
        {
            failures.Add($"Slack:KeyRingProtectionKey {keyProblem}.");
        }

        if (hasCertificate)
        {
            using var certificate = SlackKeyRing.TryLoadCertificate(options, out var certificateProblem);
            if (certificate is null)
            {
                failures.Add(certificateProblem!);
            }
        }

        if (failures.Count == 0 && keyRing.Mode == SlackKeyRingMode.InMemory)
        {
            failures.Add("The Slack key ring protection was not configured when the host registered its services; set Slack:KeyRingProtectionKey in the host's configuration, not later.");
        }

        return failures;
    }

    public static bool IsAllowedUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
