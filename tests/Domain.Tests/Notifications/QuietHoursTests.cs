using ComplianceOs.Domain.Notifications.Reminders;
using NodaTime;

namespace ComplianceOs.Domain.Tests.Notifications;

/// <summary>When held reminders may go, and when a snoozed one comes back, under the default quiet hours (20:00–08:00, Sundays).</summary>
public sealed class QuietHoursTests
{
    private static readonly ReminderSettings Defaults = ReminderSettings.Defaults(Guid.NewGuid());

    [Theory]
    [InlineData("2026-11-23T10:00", "2026-11-23T10:00")] // Monday morning: now
    [InlineData("2026-11-23T21:30", "2026-11-24T08:00")] // Monday evening: Tuesday 08:00
    [InlineData("2026-11-24T03:00", "2026-11-24T08:00")] // small hours: the same morning
    [InlineData("2026-11-28T20:00", "2026-11-30T08:00")] // Saturday evening: past Sunday to Monday
    [InlineData("2026-11-29T12:00", "2026-11-30T08:00")] // Sunday noon: Monday
    public void NextAllowed_IsTheEndOfTheQuietPeriod(string at, string expected)
    {
        Assert.Equal(LocalDateTime.FromDateTime(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), Defaults.NextAllowed(LocalDateTime.FromDateTime(DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("2026-11-23", "2026-11-24T09:00")] // Monday → Tuesday 09:00
    [InlineData("2026-11-28", "2026-11-30T09:00")] // Saturday → Monday 09:00, not Sunday and not 08:00
    [InlineData("2026-11-29", "2026-11-30T09:00")] // Sunday → Monday
    public void ASnoozedReminder_ComesBackAtNineOnTheNextDayThatIsNotQuiet(string today, string expected)
    {
        var day = LocalDate.FromDateTime(DateTime.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(LocalDateTime.FromDateTime(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), SnoozeReminderHandler.ComesBack(Defaults, day));
    }
}
