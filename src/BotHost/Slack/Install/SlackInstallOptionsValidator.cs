using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Slack.Install;

/// <summary>
/// Fails start-up (with <c>ValidateOnStart</c>) when installs are on (<c>Slack:ClientId</c> set) but cannot work or
/// would store bot tokens under an unprotected key ring. Installs off: nothing to check. Messages name configuration
/// keys and never echo secret values.
/// </summary>
internal sealed class SlackInstallOptionsValidator(SlackKeyRing keyRing) : IValidateOptions<SlackOptions>
{
    public const string ProtectionRequired =
        "Slack:KeyRingProtectionKey (base64, at least 32 bytes) or Slack:KeyRingCertificatePath is required when Slack:ClientId is set: " +
        "installed bot tokens are encrypted with a key ring that must itself be encrypted at rest.";

    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Slack:ClientSecret is required when Slack:ClientId is set.");
        }

        if (!IsAllowedUrl(options.PublicBaseUrl))
        {
            failures.Add("Slack:PublicBaseUrl must be an absolute https URL (http only for loopback) when Slack:ClientId is set: it is the OAuth redirect's base.");
        }

        if (!IsAllowedUrl(options.AuthorizeUrl))
        {
            failures.Add("Slack:AuthorizeUrl must be an absolute https URL (http only for loopback).");
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
            failures.Add("The Slack key ring protection was not configured when AddSlackInstall registered services; set Slack:KeyRingProtectionKey in the host's configuration, not later.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsAllowedUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
