using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Slack.Signing;

/// <summary>Why a Slack request was refused, or that it was not.</summary>
public enum SlackSignatureOutcome
{
    Valid,
    MissingHeaders,
    BadTimestamp,
    Stale,
    UnknownVersion,
    BadSignature,
    Replayed,
}

/// <summary>
/// Verifies Slack's <c>v0</c> request signature: HMAC-SHA256 with the signing secret over
/// <c>v0:{timestamp}:{raw body}</c> — the bytes as received, before any parsing — compared in constant time, with the
/// timestamp within five minutes either way. A byte-identical request seen again inside that window is a replay
/// (Slack's own retries are signed afresh) and is refused too.
/// </summary>
public sealed class SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    // Signatures seen, in two generations that rotate every two windows: a signature stays known for at least the
    // ten minutes its timestamp can be accepted in, forgetting costs nothing per request, and the keys are plain
    // 32-byte values rather than millions of strings for the garbage collector to trace.
    private readonly Lock _rotate = new();
    private ConcurrentDictionary<SeenMac, byte> _current = new();
    private ConcurrentDictionary<SeenMac, byte> _previous = new();
    private DateTimeOffset _currentSince = DateTimeOffset.MinValue;

    public SlackSignatureOutcome Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SlackSignatureOutcome.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SlackSignatureOutcome.BadTimestamp;
        }

        var now = clock.GetUtcNow();
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            return SlackSignatureOutcome.Stale;
        }

        if (!signature.StartsWith("v0=", StringComparison.Ordinal))
        {
            return SlackSignatureOutcome.UnknownVersion;
        }

        if (!Matches(options.Value.SigningSecret, timestamp, signature.AsSpan(3), body, out var mac))
        {
            return SlackSignatureOutcome.BadSignature;
        }

        var (current, previous) = Generations(now);
        return !previous.ContainsKey(mac) && current.TryAdd(mac, 0) ? SlackSignatureOutcome.Valid : SlackSignatureOutcome.Replayed;
    }

    /// <summary>The signature Slack would send for this body at this time (for the fake Slack in tests and the benchmark).</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        "v0=" + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    private static bool Matches(string secret, string timestamp, ReadOnlySpan<char> hex, ReadOnlySpan<byte> body, out SeenMac mac)
    {
        mac = default;
        Span<byte> given = stackalloc byte[32];
        if (hex.Length != 64 || Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(Mac(secret, timestamp, body), given))
        {
            return false;
        }

        mac = new SeenMac(BitConverter.ToUInt64(given), BitConverter.ToUInt64(given[8..]), BitConverter.ToUInt64(given[16..]), BitConverter.ToUInt64(given[24..]));
        return true;
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
    }

    private (ConcurrentDictionary<SeenMac, byte> Current, ConcurrentDictionary<SeenMac, byte> Previous) Generations(DateTimeOffset now)
    {
        lock (_rotate)
        {
            if (now - _currentSince >= Window + Window)
            {
                _previous = now - _currentSince >= 4 * Window ? new() : _current;
                _current = new();
                _currentSince = now;
            }

            return (_current, _previous);
        }
    }

    private readonly record struct SeenMac(ulong A, ulong B, ulong C, ulong D);
}
