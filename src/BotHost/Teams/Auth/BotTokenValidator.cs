using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ComplianceOs.BotHost.Teams.Auth;

/// <summary>
/// Validates the <c>Authorization</c> header of an inbound Bot Framework request (channel → bot), following the
/// Bot Framework connector-to-bot rules: <c>Bearer</c> scheme; <c>alg</c> RS256/RS384/RS512 only; issuer
/// <c>https://api.botframework.com</c> (checked before the signature); signature by the JWKS key named by <c>kid</c>;
/// <c>aud</c> equal to <see cref="BotOptions.AppId"/>; lifetime within a 5-minute clock skew of the injected
/// <see cref="TimeProvider"/>; the signing key endorses the activity's <c>channelId</c> (fail closed); and the
/// <c>serviceurl</c> claim matches the activity's <c>serviceUrl</c> (case-insensitive, trailing slash ignored).
/// In anonymous mode (<see cref="BotOptions.IsAnonymous"/>) only a missing header is accepted; a present header is
/// fully validated. Never throws for a bad token, never logs or returns the token; logs one line per rejection.
/// </summary>
public sealed partial class BotTokenValidator
{
    /// <summary>The only issuer accepted for channel-to-bot tokens.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The claim carrying the connector base URL the token was issued for.</summary>
    public const string ServiceUrlClaim = "serviceurl";

    /// <summary>The allowed clock skew for <c>exp</c> and <c>nbf</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly OpenIdKeyCache _keys;
    private readonly BotOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BotTokenValidator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>Creates the validator.</summary>
    public BotTokenValidator(OpenIdKeyCache keys, IOptions<BotOptions> options, TimeProvider time, ILogger<BotTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Validates <paramref name="authorizationHeader"/> for an activity from <paramref name="channelId"/> whose root
    /// <c>serviceUrl</c> is <paramref name="serviceUrl"/>. Returns success with the token's claims, the anonymous
    /// identity (anonymous mode, no header), or a failure with a <see cref="BotAuthReasons"/> code.
    /// </summary>
    public async Task<BotAuthResult> ValidateAsync(
        string? authorizationHeader, string channelId, string serviceUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            if (_options.IsAnonymous)
            {
                // Once per process is enough to be seen; a line per request would cost more than the request.
                if (Interlocked.Exchange(ref _anonymousWarned, 1) == 0)
                {
                    LogAnonymousAccepted(_logger, channelId);
                }

                return BotAuthResult.Anonymous();
            }

            return Reject(BotAuthReasons.MissingHeader, null, channelId);
        }

        var parts = authorizationHeader.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !string.Equals(parts[0], "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(BotAuthReasons.BadScheme, null, channelId);
        }

        var token = parts[1].Trim();
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException) // includes SecurityTokenMalformedException
        {
            return Reject(BotAuthReasons.MalformedToken, null, channelId);
        }

        var kid = string.IsNullOrEmpty(jwt.Kid) ? null : jwt.Kid;
        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return Reject(BotAuthReasons.BadAlgorithm, kid, channelId);
        }

        if (!string.Equals(jwt.Issuer, BotFrameworkIssuer, StringComparison.Ordinal))
        {
            return Reject(BotAuthReasons.BadIssuer, kid, channelId);
        }

        var key = kid is null ? null : await _keys.GetKeyAsync(kid, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return Reject(_keys.HasKeys ? BotAuthReasons.UnknownKey : BotAuthReasons.KeysUnavailable, kid, channelId);
        }

        var validation = await _handler.ValidateTokenAsync(jwt, SignatureParameters(key)).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return Reject(SignatureFailureReason(validation.Exception), kid, channelId);
        }

        if (string.IsNullOrEmpty(_options.AppId) || !jwt.Audiences.Contains(_options.AppId, StringComparer.Ordinal))
        {
            return Reject(BotAuthReasons.BadAudience, kid, channelId);
        }

        var lifetimeFailure = LifetimeFailure(jwt);
        if (lifetimeFailure is not null)
        {
            return Reject(lifetimeFailure, kid, channelId);
        }

        if (!key.Endorses(channelId))
        {
            return Reject(BotAuthReasons.NotEndorsed, kid, channelId);
        }

        if (!jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var claimedServiceUrl) || string.IsNullOrWhiteSpace(claimedServiceUrl))
        {
            return Reject(BotAuthReasons.MissingServiceUrl, kid, channelId);
        }

        if (!SameServiceUrl(claimedServiceUrl, serviceUrl))
        {
            return Reject(BotAuthReasons.ServiceUrlMismatch, kid, channelId);
        }

        LogAccepted(_logger, kid!, channelId);
        return BotAuthResult.Success(validation.ClaimsIdentity);
    }

    /// <summary>True when both URLs are equal ignoring case and one trailing slash.</summary>
    internal static bool SameServiceUrl(string claimed, string? activity) =>
        !string.IsNullOrWhiteSpace(activity)
        && string.Equals(claimed.Trim().TrimEnd('/'), activity.Trim().TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static TokenValidationParameters SignatureParameters(EndorsedSigningKey key) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = BotFrameworkIssuer,
        ValidateAudience = false, // compared manually against the app id, as the SDK does
        ValidateLifetime = false, // checked against the injected TimeProvider
        RequireExpirationTime = false,
        RequireSignedTokens = true,
        IssuerSigningKey = key.Key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = AllowedAlgorithms,
        ValidateIssuerSigningKey = false,
    };

    private static string SignatureFailureReason(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAlgorithmException => BotAuthReasons.BadAlgorithm,
        SecurityTokenInvalidIssuerException => BotAuthReasons.BadIssuer,
        SecurityTokenSignatureKeyNotFoundException => BotAuthReasons.BadSignature,
        SecurityTokenInvalidSignatureException => BotAuthReasons.BadSignature,
        _ => BotAuthReasons.InvalidToken,
    };

    private string? LifetimeFailure(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp))
        {
            return BotAuthReasons.MissingExpiry;
        }

        var now = _time.GetUtcNow();
        if (now - ClockSkew >= DateTimeOffset.FromUnixTimeSeconds(exp))
        {
            return BotAuthReasons.Expired;
        }

        if (jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf) && now + ClockSkew < DateTimeOffset.FromUnixTimeSeconds(nbf))
        {
            return BotAuthReasons.NotYetValid;
        }

        return null;
    }

    private BotAuthResult Reject(string reason, string? kid, string? channelId)
    {
        LogRejected(_logger, reason, kid ?? "-", channelId ?? "-");
        return BotAuthResult.Fail(reason);
    }

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Bot Framework request rejected: {Reason} (kid {KeyId}, channel {ChannelId})")]
    private static partial void LogRejected(ILogger logger, string reason, string keyId, string channelId);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Debug, Message = "Bot Framework request authenticated (kid {KeyId}, channel {ChannelId})")]
    private static partial void LogAccepted(ILogger logger, string keyId, string channelId);

    private int _anonymousWarned;

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning, Message = "Bot Framework requests are accepted WITHOUT authentication (anonymous demo mode; first seen on channel {ChannelId}; said once)")]
    private static partial void LogAnonymousAccepted(ILogger logger, string channelId);
}
