using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Notifications.Reminders;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Notifications;

/// <summary>
/// Outbox rows telling each owner that a government extension moved their obligation, added to the caller's unit of
/// work so they commit with the move. One per moved instance and owner; the cycle names the extension, so a later
/// extension of the same period is news again while a retry of this one never is.
/// </summary>
public static class ExtensionNotifications
{
    public const string Stage = "extension";

    public static string Cycle(DueDateExtension extension) => $"extension:{extension.Id:N}";

    /// <returns>How many notifications were queued (owners who are gone or inactive are not told).</returns>
    public static async Task<int> AddAsync(ComplianceDb db, IReadOnlyCollection<ComplianceInstance> moved, DueDateExtension extension, Instant now, CancellationToken ct)
    {
        var ownerIds = moved.Where(i => i.OwnerUserId is not null).Select(i => i.OwnerUserId!.Value).Distinct().ToList();
        if (ownerIds.Count == 0)
        {
            return 0;
        }

        var preferred = await db.Users.Where(u => ownerIds.Contains(u.Id) && u.IsActive).ToDictionaryAsync(u => u.Id, u => u.PreferredChannel, ct);

        // News, not an alarm: like a reminder, it waits for the end of the tenant's quiet hours.
        var timeZone = await db.Tenants.Select(t => t.TimeZone).SingleAsync(ct);
        var settings = await db.ReminderSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? ReminderSettings.Defaults(extension.TenantId);
        var zone = DateTimeZoneProviders.Tzdb[timeZone];
        var local = now.InZone(zone).LocalDateTime;
        Instant? notBefore = settings.IsQuiet(local) ? settings.NextAllowed(local).InZoneLeniently(zone).ToInstant() : null;

        var queued = 0;
        foreach (var instance in moved)
        {
            if (instance.OwnerUserId is not { } owner || !preferred.TryGetValue(owner, out var channel))
            {
                continue;
            }

            db.Notifications.Add(new Notification
            {
                Id = Guid.CreateVersion7(),
                TenantId = instance.TenantId,
                InstanceId = instance.Id,
                Stage = Stage,
                RecipientUserId = owner,
                Cycle = Cycle(extension),
                Channel = Notification.ChannelFor(channel),
                NotBefore = notBefore,
                CreatedAt = now,
            });
            queued++;
        }

        return queued;
    }
}
