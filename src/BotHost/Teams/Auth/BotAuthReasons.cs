namespace ComplianceOs.BotHost.Teams.Auth;

/// <summary>Stable reason codes for rejected inbound Bot Framework requests. Safe to log; they contain no token data.</summary>
public static class BotAuthReasons
{
    /// <summary>No <c>Authorization</c> header while authentication is required.</summary>
    public const string MissingHeader = "missing_header";

    /// <summary>The header is not <c>Bearer &lt;token&gt;</c>.</summary>
    public const string BadScheme = "bad_scheme";

    /// <summary>The bearer value is not a readable JWT.</summary>
    public const string MalformedToken = "malformed_token";

    /// <summary>The token's <c>alg</c> is not RS256/RS384/RS512 (including <c>none</c> and HMAC).</summary>
    public const string BadAlgorithm = "bad_algorithm";

    /// <summary><c>iss</c> is not <c>https://api.botframework.com</c>.</summary>
    public const string BadIssuer = "bad_issuer";

    /// <summary>The token's <c>kid</c> is absent or not in the channel's JWKS (after one permitted refresh).</summary>
    public const string UnknownKey = "unknown_key";

    /// <summary>No signing keys could ever be fetched (metadata endpoint unreachable since start-up).</summary>
    public const string KeysUnavailable = "keys_unavailable";

    /// <summary>The signature does not verify with the key named by <c>kid</c>.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>The token failed another structural check of the token handler.</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary><c>aud</c> is not the configured app id.</summary>
    public const string BadAudience = "bad_audience";

    /// <summary>The token has no <c>exp</c>.</summary>
    public const string MissingExpiry = "missing_expiry";

    /// <summary><c>exp</c> is more than the clock skew in the past.</summary>
    public const string Expired = "expired";

    /// <summary><c>nbf</c> is more than the clock skew in the future.</summary>
    public const string NotYetValid = "not_yet_valid";

    /// <summary>The signing key does not list the activity's <c>channelId</c> in its endorsements (or lists none).</summary>
    public const string NotEndorsed = "not_endorsed";

    /// <summary>The token has no <c>serviceurl</c> claim.</summary>
    public const string MissingServiceUrl = "missing_serviceurl";

    /// <summary>The <c>serviceurl</c> claim differs from the activity's <c>serviceUrl</c>.</summary>
    public const string ServiceUrlMismatch = "serviceurl_mismatch";
}
