using System.Security.Cryptography;
using System.Text;

namespace ComplianceOs.Benchmarks.Slack;

/// <summary>
/// Slack's v0 request signature, as Slack computes it: HMAC-SHA256 with the signing secret over
/// <c>v0:{timestamp}:{raw body}</c>. One place for the load generator, the readiness probe and the floor app (the
/// BotHost's own verifier is not referenced here: the benchmark starts the host, it does not link it).
/// </summary>
internal static class SlackSigning
{
    public static byte[] Mac(byte[] secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(secret, signed);
    }

    public static string Sign(byte[] secret, string timestamp, ReadOnlySpan<byte> body) =>
        "v0=" + Convert.ToHexStringLower(Mac(secret, timestamp, body));
}
