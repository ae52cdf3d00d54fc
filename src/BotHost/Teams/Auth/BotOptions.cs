namespace ComplianceOs.BotHost.Teams.Auth;

/// <summary>
/// Configuration section <c>Bot</c>: the Azure Bot registration used to authenticate inbound Bot Framework
/// requests (and, later, outbound connector calls). Validated at start-up by <see cref="BotOptionsValidator"/>.
/// </summary>
public sealed class BotOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Bot";

    /// <summary>The public-cloud channel-to-bot OpenID metadata document.</summary>
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The default outbound OAuth scope (resource) of the Bot Connector.</summary>
    public const string DefaultOAuthScope = "https://api.botframework.com";

    /// <summary>The Microsoft App ID of the bot; inbound tokens must carry it as <c>aud</c>.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The client secret of the app registration. Never logged.</summary>
    public string AppPassword { get; set; } = string.Empty;

    /// <summary>The home tenant of a single-tenant bot (used for outbound tokens only).</summary>
    public string? AppTenantId { get; set; }

    /// <summary>
    /// Allows the unauthenticated local demo mode when <see cref="AppId"/> is empty. Never enable in production.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Where the channel's signing keys are discovered (<c>jwks_uri</c>).</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Optional override of the outbound token endpoint.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>The outbound OAuth scope (resource).</summary>
    public string OAuthScope { get; set; } = DefaultOAuthScope;

    /// <summary>
    /// True only when no <see cref="AppId"/> is configured AND <see cref="AllowAnonymous"/> is set: requests without an
    /// <c>Authorization</c> header are then accepted as anonymous; requests with one are still fully validated.
    /// </summary>
    public bool IsAnonymous => string.IsNullOrWhiteSpace(AppId) && AllowAnonymous;
}
