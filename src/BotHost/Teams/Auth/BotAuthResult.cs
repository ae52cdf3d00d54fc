using System.Security.Claims;

namespace ComplianceOs.BotHost.Teams.Auth;

/// <summary>
/// The outcome of <see cref="BotTokenValidator.ValidateAsync"/>: either an identity, or a short reason code from
/// <see cref="BotAuthReasons"/>. Never carries the token itself.
/// </summary>
public sealed class BotAuthResult
{
    private BotAuthResult(ClaimsIdentity? identity, string? failureReason, bool isAnonymous)
    {
        Identity = identity;
        FailureReason = failureReason;
        IsAnonymous = isAnonymous;
    }

    /// <summary>True when the request may be processed.</summary>
    public bool Succeeded => Identity is not null;

    /// <summary>The validated token's claims (or the anonymous identity); null on failure.</summary>
    public ClaimsIdentity? Identity { get; }

    /// <summary>A <see cref="BotAuthReasons"/> code on failure; null on success.</summary>
    public string? FailureReason { get; }

    /// <summary>True when accepted without a token (anonymous local demo mode only).</summary>
    public bool IsAnonymous { get; }

    /// <summary>A validated token.</summary>
    public static BotAuthResult Success(ClaimsIdentity identity) =>
        new(identity ?? throw new ArgumentNullException(nameof(identity)), null, false);

    /// <summary>An unauthenticated request accepted in anonymous mode (authentication type <c>anonymous</c>).</summary>
    public static BotAuthResult Anonymous() => new(new ClaimsIdentity([], "anonymous"), null, true);

    /// <summary>A rejection with a reason code.</summary>
    public static BotAuthResult Fail(string reason) =>
        new(null, string.IsNullOrEmpty(reason) ? throw new ArgumentException("A reason is required.", nameof(reason)) : reason, false);
}
