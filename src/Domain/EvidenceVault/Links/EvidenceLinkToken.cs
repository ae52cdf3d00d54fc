using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ComplianceOs.Domain.EvidenceVault.Links;

/// <summary>What a link grants: one person, one version of one tenant's evidence, until a moment.</summary>
public sealed record EvidenceLinkClaims(Guid TenantId, Guid EvidenceId, Guid UserId, Instant Expires);

/// <summary>
/// Our own signed, expiring link token: the claims (tenant, evidence, user, expiry) and an HMAC-SHA256 over them,
/// base64url. Holding a link is not enough on its own: opening it re-checks the person's access.
/// </summary>
public sealed class EvidenceLinkToken(IOptions<EvidenceLinkOptions> options)
{
    private const int PayloadLength = 16 * 3 + 8;

    public string Create(EvidenceLinkClaims claims)
    {
        var payload = new byte[PayloadLength];
        claims.TenantId.TryWriteBytes(payload.AsSpan(0, 16));
        claims.EvidenceId.TryWriteBytes(payload.AsSpan(16, 16));
        claims.UserId.TryWriteBytes(payload.AsSpan(32, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(48, 8), claims.Expires.ToUnixTimeSeconds());
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(options.Value.Key(), payload))}";
    }

    /// <summary>The claims of a token we signed, or null for anything else (tampered, truncated, not ours). Expiry is the caller's check.</summary>
    public EvidenceLinkClaims? Read(string? token)
    {
        if (token is null || token.Length > 200 || token.Split('.') is not [var p, var s]
            || FromBase64Url(p) is not { Length: PayloadLength } payload || FromBase64Url(s) is not { Length: 32 } signature
            || !CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(options.Value.Key(), payload)))
        {
            return null;
        }

        return new EvidenceLinkClaims(
            new Guid(payload.AsSpan(0, 16)), new Guid(payload.AsSpan(16, 16)), new Guid(payload.AsSpan(32, 16)),
            Instant.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(48, 8))));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
