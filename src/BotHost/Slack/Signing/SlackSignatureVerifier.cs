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

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _lastSweep;

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

        if (!Matches(options.Value.SigningSecret, timestamp, signature.AsSpan(3), body))
        {
            return SlackSignatureOutcome.BadSignature;
        }

        Sweep(now);
        return _seen.TryAdd(signature, now + Window + Window) ? SlackSignatureOutcome.Valid : SlackSignatureOutcome.Replayed;
    }

    /// <summary>The signature Slack would send for this body at this time (for the fake Slack in tests and the benchmark).</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        "v0=" + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    private static bool Matches(string secret, string timestamp, ReadOnlySpan<char> hex, ReadOnlySpan<byte> body)
    {
        Span<byte> given = stackalloc byte[32];
        if (hex.Length != 64 || Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(secret, timestamp, body), given);
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
    }

    private void Sweep(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (now.ToUnixTimeSeconds() - last < 30 || Interlocked.CompareExchange(ref _lastSweep, now.ToUnixTimeSeconds(), last) != last)
        {
            return;
        }

        foreach (var (key, until) in _seen)
        {
            if (until < now)
            {
                _seen.TryRemove(key, out _);
            }
        }
    }
}
