using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace ComplianceOs.Domain.Channels.Slack.Install;

/// <summary>What an install link's token names: the tenant (to look the link up under its scope) and the link.</summary>
public sealed record SlackInstallLinkToken(Guid TenantId, Guid LinkId);

/// <summary>What the OAuth <c>state</c> carries through Slack: the link, and the nonce also held in the browser's cookie.</summary>
public sealed record SlackInstallState(Guid TenantId, Guid LinkId, string Nonce);

/// <summary>
/// The opaque, tamper-proof strings of the install flow, each a time-limited Data Protection payload under its own
/// purpose (so a link token is never accepted as a state, or the reverse). The database, not the token's lifetime,
/// decides whether a link is still usable: link tokens outlive their link by <see cref="LinkTokenGrace"/>, so a
/// recently expired link gets an "expired" page rather than "invalid".
/// </summary>
public sealed class SlackInstallTokens(IDataProtectionProvider provider, TimeProvider clock)
{
    public const string LinkPurpose = "ComplianceOs.Slack.InstallLink.v1";
    public const string StatePurpose = "ComplianceOs.Slack.OAuthState.v1";

    /// <summary>How long after its link expires a link token still opens (to say "expired").</summary>
    public static readonly TimeSpan LinkTokenGrace = TimeSpan.FromDays(7);

    /// <summary>How long the user has on Slack's consent page before the state is refused.</summary>
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector _link = provider.CreateProtector(LinkPurpose).ToTimeLimitedDataProtector();
    private readonly ITimeLimitedDataProtector _state = provider.CreateProtector(StatePurpose).ToTimeLimitedDataProtector();

    public string ProtectLink(SlackInstallLinkToken token, DateTimeOffset linkExpiresAt) =>
        _link.Protect($"{token.TenantId:N}.{token.LinkId:N}", linkExpiresAt + LinkTokenGrace);

    public SlackInstallLinkToken? UnprotectLink(string? text)
    {
        var parts = Open(_link, text)?.Split('.');
        return parts is [var tenant, var link] && Guid.TryParseExact(tenant, "N", out var tenantId) && Guid.TryParseExact(link, "N", out var linkId)
            ? new SlackInstallLinkToken(tenantId, linkId)
            : null;
    }

    /// <summary>A fresh random nonce for the browser cookie (base64url, 256 bits).</summary>
    public static string NewNonce() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public string ProtectState(SlackInstallState state) =>
        _state.Protect($"{state.TenantId:N}.{state.LinkId:N}.{state.Nonce}", clock.GetUtcNow() + StateLifetime);

    public SlackInstallState? UnprotectState(string? text)
    {
        var parts = Open(_state, text)?.Split('.');
        return parts is [var tenant, var link, var nonce] && nonce.Length > 0
            && Guid.TryParseExact(tenant, "N", out var tenantId) && Guid.TryParseExact(link, "N", out var linkId)
            ? new SlackInstallState(tenantId, linkId, nonce)
            : null;
    }

    /// <summary>True when both nonces are present and equal (compared in constant time).</summary>
    public static bool NoncesMatch(string expected, string? actual) =>
        !string.IsNullOrEmpty(actual)
        && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(actual));

    private static string? Open(ITimeLimitedDataProtector protector, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2048)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(text.Trim());
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
