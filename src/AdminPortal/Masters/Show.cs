using System.Globalization;
using Microsoft.AspNetCore.Html;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.AdminPortal.Masters;

/// <summary>Dates as people read them, inside a machine-readable &lt;time&gt; (tests and scripts read the ISO date).</summary>
public static class Show
{
    private static readonly LocalDatePattern Human = LocalDatePattern.Create("d MMM yyyy", CultureInfo.InvariantCulture);

    public static IHtmlContent Date(LocalDate? date) =>
        date is { } d
            ? new HtmlString($"<time datetime=\"{LocalDatePattern.Iso.Format(d)}\">{Human.Format(d)}</time>")
            : HtmlString.Empty;

    public static string Text(LocalDate date) => Human.Format(date);

    /// <summary>An enum value in words: NotStarted → "Not started".</summary>
    public static string Words(Enum value) =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    public static string Moment(Instant at, DateTimeZone zone) =>
        at.InZone(zone).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
}
