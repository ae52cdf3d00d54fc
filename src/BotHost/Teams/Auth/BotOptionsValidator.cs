using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Teams.Auth;

/// <summary>
/// Fails start-up (with <c>ValidateOnStart</c>) on a bot configuration that would silently disable or break inbound
/// authentication. Messages name configuration keys and never echo secret values.
/// </summary>
public sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    /// <summary>The message when neither an app id nor the explicit anonymous opt-in is configured.</summary>
    public const string AppIdRequired = "Bot:AppId is required unless Bot:AllowAnonymous=true (local demo only).";

    /// <summary>The message when an app id is configured without its password.</summary>
    public const string AppPasswordRequired = "Bot:AppPassword is required when Bot:AppId is set.";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hasAppId = !string.IsNullOrWhiteSpace(options.AppId);
        if (!hasAppId && !options.AllowAnonymous)
        {
            failures.Add(AppIdRequired);
        }

        if (hasAppId && string.IsNullOrWhiteSpace(options.AppPassword))
        {
            failures.Add(AppPasswordRequired);
        }

        if (!IsAllowedFetchUrl(options.OpenIdMetadataUrl))
        {
            failures.Add("Bot:OpenIdMetadataUrl must be an absolute https URL (http only for loopback).");
        }

        if (!string.IsNullOrWhiteSpace(options.TokenEndpoint) && !IsAllowedFetchUrl(options.TokenEndpoint))
        {
            failures.Add("Bot:TokenEndpoint must be an absolute https URL (http only for loopback).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>True for an absolute https URL, or an http URL to a loopback host (local tests and demos).</summary>
    internal static bool IsAllowedFetchUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
