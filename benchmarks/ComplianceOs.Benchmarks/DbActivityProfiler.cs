using System.Collections.Concurrent;
using System.Diagnostics;

namespace ComplianceOs.Benchmarks;

/// <summary>
/// Times what the handlers send to PostgreSQL without touching them: Npgsql reports every command and COPY as an
/// <see cref="Activity"/> (source "Npgsql"); this listener sums their durations by kind of statement. Client time
/// (C# planning, EF materialisation) is what is left of the wall time.
/// </summary>
public sealed class DbActivityProfiler : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
    private volatile bool _enabled;

    public DbActivityProfiler()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("Npgsql", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => _enabled ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Start()
    {
        _buckets.Clear();
        _enabled = true;
    }

    public IReadOnlyList<(string Kind, int Count, TimeSpan Total)> Stop()
    {
        _enabled = false;
        return _buckets.OrderByDescending(b => b.Value.Ticks).Select(b => (b.Key, b.Value.Count, TimeSpan.FromTicks(b.Value.Ticks))).ToList();
    }

    public void Dispose() => _listener.Dispose();

    private void OnStopped(Activity a)
    {
        var kind = Classify(a);
        var b = _buckets.GetOrAdd(kind, _ => new Bucket());
        Interlocked.Increment(ref b.Count);
        Interlocked.Add(ref b.Ticks, a.Duration.Ticks);
    }

    private static string Classify(Activity a)
    {
        var text = (a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement"))?.ToString() ?? string.Empty;
        var t = text.TrimStart();
        if (t.Length == 0)
        {
            return a.DisplayName.StartsWith("COPY", StringComparison.OrdinalIgnoreCase) ? "COPY FROM STDIN (binary import)" : $"other: {a.DisplayName}";
        }

        if (t.StartsWith("COPY", StringComparison.OrdinalIgnoreCase))
        {
            return "COPY FROM STDIN (binary import)";
        }

        if (t.StartsWith("WITH ins AS", StringComparison.Ordinal))
        {
            return "INSERT instances ON CONFLICT + workflow tasks";
        }

        if (t.StartsWith("WITH waiting AS", StringComparison.Ordinal) || t.Contains("enable_nestloop", StringComparison.Ordinal))
        {
            // The tenant-wide recompute is one batch: planner settings, the UPDATE, settings restored.
            return "recompute UPDATE";
        }

        if (t.StartsWith("INSERT INTO notifications", StringComparison.Ordinal))
        {
            return "sweep INSERT … SELECT (reminders)";
        }

        if (t.Contains("reminder_settings", StringComparison.Ordinal))
        {
            return "EF load: time zone + reminder settings";
        }

        if (t.Contains("FROM tenants", StringComparison.Ordinal))
        {
            return "EF load: tenant time zone";
        }

        if (t.StartsWith("CREATE TEMP TABLE", StringComparison.Ordinal))
        {
            return "CREATE TEMP TABLE";
        }

        if (t.StartsWith("SELECT set_config", StringComparison.Ordinal))
        {
            return "set_config (RLS scope at BEGIN)";
        }

        if (t.Contains("audit_entries", StringComparison.Ordinal) || t.Contains("pg_advisory_xact_lock", StringComparison.Ordinal))
        {
            return "audit append (lock, chain head, INSERT)";
        }

        if (t.Contains("FROM \"users\"", StringComparison.Ordinal) || t.Contains("FROM users", StringComparison.Ordinal) || t.Contains("user_roles", StringComparison.Ordinal))
        {
            return "EF load: users/roles/grants";
        }

        if (t.Contains("legal_entities", StringComparison.Ordinal))
        {
            return "EF load: entities+GSTINs+AGMs";
        }

        if (t.Contains("compliance_masters", StringComparison.Ordinal))
        {
            return "EF load: masters";
        }

        if (t.Contains("due_date_extensions", StringComparison.Ordinal))
        {
            return "EF load: extensions";
        }

        var firstLine = t.Split('\n')[0];
        return $"other: {(firstLine.Length > 60 ? firstLine[..60] : firstLine)}";
    }

    private sealed class Bucket
    {
        public int Count;
        public long Ticks;
    }
}
