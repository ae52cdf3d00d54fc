using ComplianceOs.Domain.Channels.Slack.Install;
using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Slack.Install;

/// <summary>
/// Fails start-up (with <c>ValidateOnStart</c>) when installs are on (<c>Slack:ClientId</c> set) but cannot work or
/// would store bot tokens under an unprotected key ring. Installs off: nothing to check. Messages name configuration
/// keys and never echo secret values.
/// </summary>
internal sealed class SlackInstallOptionsValidator(SlackKeyRing keyRing) : IValidateOptions<SlackOptions>
{
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

        if (!SlackInstallLinkOptionsValidator.IsAllowedUrl(options.AuthorizeUrl))
        {
            failures.Add("Slack:AuthorizeUrl must be an absolute https URL (http only for loopback).");
        }

        failures.AddRange(SlackInstallLinkOptionsValidator.Failures(options, keyRing));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
