namespace ComplianceOs.BotHost.Slack.Api;

/// <summary>
/// Rate-limit state shared by every <see cref="SlackApiClient"/> in the process (typed clients are transient):
/// the pauses Slack asked for with HTTP 429 (per workspace and method) and the next free <c>chat.postMessage</c>
/// slot per workspace and channel. Keys are built from a hash of the token, never the token. Entries in the past
/// mean nothing and are dropped once either map grows, so memory follows the channels active in the last seconds.
/// </summary>
public sealed class SlackRateLimits
{
    private const int PruneAbove = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nextSlot = new(StringComparer.Ordinal);

    /// <summary>How much longer the key is paused (zero when it is not).</summary>
    internal TimeSpan PausedFor(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _pausedUntil.TryGetValue(key, out var until) && until > now ? until - now : TimeSpan.Zero;
        }
    }

    /// <summary>Pauses the key until <paramref name="until"/> (never shortens an existing pause).</summary>
    internal void Pause(string key, DateTimeOffset until, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_pausedUntil.TryGetValue(key, out var current) || current < until)
            {
                _pausedUntil[key] = until;
            }

            Prune(_pausedUntil, now);
        }
    }

    /// <summary>
    /// Reserves the key's next slot, at least <paramref name="interval"/> after the previous one, and returns how
    /// long the caller waits for it. Slots are handed out in call order, so concurrent posts queue up.
    /// </summary>
    internal TimeSpan ReserveSlot(string key, DateTimeOffset now, TimeSpan interval)
    {
        lock (_lock)
        {
            var slot = _nextSlot.TryGetValue(key, out var next) && next > now ? next : now;
            _nextSlot[key] = slot + interval;
            Prune(_nextSlot, now);
            return slot - now;
        }
    }

    internal int TrackedKeys
    {
        get
        {
            lock (_lock)
            {
                return _pausedUntil.Count + _nextSlot.Count;
            }
        }
    }

    private static void Prune(Dictionary<string, DateTimeOffset> map, DateTimeOffset now)
    {
        if (map.Count <= PruneAbove)
        {
            return;
        }

        foreach (var (key, until) in map)
        {
            if (until <= now)
            {
                map.Remove(key);
            }
        }
    }
}
