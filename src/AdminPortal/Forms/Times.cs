using NodaTime;

namespace ComplianceOs.AdminPortal.Forms;

/// <summary>Points in time as the portal shows them: in a tenant's own zone, to the minute.</summary>
public static class Times
{
    public static string Show(Instant instant, string timeZone) =>
        instant.InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZone.Utc).ToString("yyyy-MM-dd HH:mm", null);

    public static string Show(Instant? instant, string timeZone) => instant is { } i ? Show(i, timeZone) : "—";
}
