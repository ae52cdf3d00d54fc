namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>A clock a test sets: fixed at a moment, moved on (or back) only when the test says so.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset at) => _now = at;

    public override DateTimeOffset GetUtcNow() => _now;
}
