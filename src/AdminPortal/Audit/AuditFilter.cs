using ComplianceOs.Domain.Audit;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.AdminPortal.Audit;

/// <summary>
/// The audit trail's filters as typed into the query string (every value optional). Kept as text so a bad value is
/// answered with what was wrong with it, never silently dropped: a dropped filter would show an auditor more rows
/// than they asked for and let them believe it was the filtered set.
/// </summary>
public sealed record AuditFilterInput(string? Entity, string? Instance, string? User, string? Action, string? From, string? To, string? Before);

/// <summary>
/// A valid set of filters. <see cref="From"/> and <see cref="To"/> are whole days in the tenant's time zone, both
/// included; <see cref="Before"/> is the paging cursor (entries with a lower sequence, newest first).
/// </summary>
public sealed record AuditFilter(Guid? EntityId, Guid? InstanceId, Guid? UserId, AuditAction? Action, LocalDate? From, LocalDate? To, long? Before)
{
    // Keeps start-of-day arithmetic far from the ends of NodaTime's calendar.
    private static readonly LocalDate Earliest = new(1970, 1, 1);
    private static readonly LocalDate Latest = new(9998, 12, 31);

    public static readonly AuditFilter None = new(null, null, null, null, null, null, null);

    /// <returns>The filter, or the problems keyed by query parameter name (then there is no filter).</returns>
    public static (AuditFilter? Filter, IReadOnlyDictionary<string, string> Problems) Parse(AuditFilterInput input)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var entity = Id(problems, "entity", "a legal entity", input.Entity);
        var instance = Id(problems, "instance", "an obligation", input.Instance);
        var user = Id(problems, "user", "a person", input.User);
        AuditAction? action = null;
        if (!string.IsNullOrWhiteSpace(input.Action))
        {
            // Exact names only: Enum.TryParse would also take "3" or "Filed,Approved" (numbers and flag combinations).
            if (Enum.GetNames<AuditAction>().FirstOrDefault(n => n.Equals(input.Action.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                action = Enum.Parse<AuditAction>(name);
            }
            else
            {
                problems["action"] = $"'{input.Action}' is not an action of the audit trail.";
            }
        }

        var from = Date(problems, "from", input.From);
        var to = Date(problems, "to", input.To);
        if (from is { } f && to is { } t && f > t)
        {
            problems["to"] = $"The range ends ({t:uuuu-MM-dd}) before it starts ({f:uuuu-MM-dd}).";
        }

        long? before = null;
        if (!string.IsNullOrWhiteSpace(input.Before))
        {
            if (long.TryParse(input.Before.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var b) && b >= 1)
            {
                before = b;
            }
            else
            {
                problems["before"] = $"'{input.Before}' is not an entry number.";
            }
        }

        return problems.Count > 0 ? (null, problems) : (new AuditFilter(entity, instance, user, action, from, to, before), problems);
    }

    public bool NarrowsRows => EntityId is not null || InstanceId is not null || UserId is not null || Action is not null || From is not null || To is not null;

    /// <summary>The query string values of these filters (without the paging cursor unless given), for links that keep them.</summary>
    public Dictionary<string, string?> ToQuery(long? before = null) => new(StringComparer.Ordinal)
    {
        ["entity"] = EntityId?.ToString(),
        ["instance"] = InstanceId?.ToString(),
        ["user"] = UserId?.ToString(),
        ["action"] = Action?.ToString(),
        ["from"] = From?.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["before"] = before?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The first instant after the range's last day (exclusive bound), in <paramref name="zone"/>.</summary>
    public (Instant? From, Instant? Until) Instants(DateTimeZone zone) =>
        (From?.AtStartOfDayInZone(zone).ToInstant(), To?.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());

    private static Guid? Id(Dictionary<string, string> problems, string name, string what, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Guid.TryParse(text.Trim(), out var id))
        {
            return id;
        }

        problems[name] = $"'{text}' is not the id of {what}.";
        return null;
    }

    private static LocalDate? Date(Dictionary<string, string> problems, string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success)
        {
            problems[name] = $"'{text}' is not a date (YYYY-MM-DD).";
            return null;
        }

        if (parsed.Value < Earliest || parsed.Value > Latest)
        {
            problems[name] = $"'{text}' is outside the years the audit trail covers.";
            return null;
        }

        return parsed.Value;
    }
}
