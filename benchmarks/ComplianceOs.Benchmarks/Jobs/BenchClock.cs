using NodaTime;

namespace ComplianceOs.Benchmarks.Jobs;

/// <summary>
/// The handlers' "now", set by the benchmark between phases (never while a phase runs), so a recompute or a sweep
/// of every tenant sees one moment, as the jobs of one run do.
/// </summary>
public sealed class BenchClock : TimeProvider
{
    public static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    private long _utcTicks = DateTimeOffset.UtcNow.UtcTicks;

    public LocalDateTime Local => Instant.FromDateTimeOffset(GetUtcNow()).InZone(Kolkata).LocalDateTime;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock to a wall-clock time in Asia/Kolkata (the tenants' default time zone).</summary>
    public void Set(LocalDateTime kolkata) =>
        Interlocked.Exchange(ref _utcTicks, kolkata.InZoneStrictly(Kolkata).ToDateTimeOffset().UtcTicks);
}
