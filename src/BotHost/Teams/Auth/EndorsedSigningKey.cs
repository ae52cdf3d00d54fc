using Microsoft.IdentityModel.Tokens;

namespace ComplianceOs.BotHost.Teams.Auth;

/// <summary>
/// A channel signing key from the JWKS together with its <c>endorsements</c> (the channel ids, such as
/// <c>msteams</c>, that the key may sign for). An empty list means the key endorses nothing.
/// </summary>
/// <param name="KeyId">The JWK <c>kid</c>.</param>
/// <param name="Key">The public key used to verify signatures.</param>
/// <param name="Endorsements">The channel ids from the JWK's <c>endorsements</c> array; never null.</param>
public sealed record EndorsedSigningKey(string KeyId, SecurityKey Key, IReadOnlyList<string> Endorsements)
{
    /// <summary>True when <paramref name="channelId"/> is non-empty and listed (ordinal) in <see cref="Endorsements"/>.</summary>
    public bool Endorses(string? channelId) =>
        !string.IsNullOrEmpty(channelId) && Endorsements.Contains(channelId, StringComparer.Ordinal);
}
