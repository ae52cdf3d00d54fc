using System.Diagnostics;

namespace ComplianceOs.Benchmarks.Slack;

/// <summary>
/// CPU time used so far by the app under test, by this process (load generator and fake Web API) and by every
/// PostgreSQL process (read from /proc): on a 2-core box they all share the same cores, so the split says where the
/// measured window's CPU went.
/// </summary>
public sealed record CpuSplit(TimeSpan App, TimeSpan Harness, TimeSpan Postgres)
{
    public static CpuSplit Now(Func<TimeSpan> app) =>
        new(app(), Process.GetCurrentProcess().TotalProcessorTime, PostgresCpu());

    public static CpuSplit operator -(CpuSplit a, CpuSplit b) => new(a.App - b.App, a.Harness - b.Harness, a.Postgres - b.Postgres);

    private static TimeSpan PostgresCpu()
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (close < 0 || !stat.AsSpan(0, close).Contains("(postgres", StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields after "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while we looked, or /proc is not there: count what we can.
            }
        }

        // USER_HZ is 100 on Linux.
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
