using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Notifications.Deliveries;

/// <summary>A notification that could not be delivered, or is being retried, with whom and what it was about.</summary>
/// <param name="Obligation">Master code and period (<c>GSTR1 2026-10</c>); null for a digest, which is about many.</param>
public sealed record DeliveryProblem(
    Guid NotificationId,
    NotificationStatus Status,
    string Stage,
    Channel Channel,
    IReadOnlyList<string> FailedChannels,
    int Attempts,
    string? LastError,
    Instant? NotBefore,
    Instant CreatedAt,
    Guid RecipientUserId,
    string Person,
    Guid? InstanceId,
    string? Obligation)
{
    public bool IsFailed => Status == NotificationStatus.Failed;

    /// <summary>The channels given up on; a row that failed on its first channel has only that one.</summary>
    public IReadOnlyList<string> ChannelsTried => FailedChannels.Count > 0 ? FailedChannels : [Channel.ToString()];
}

/// <summary>A person at least one notification could not reach: how many, and the latest failure.</summary>
public sealed record UnreachablePerson(Guid UserId, string Name, bool IsActive, int NotDelivered, Instant LatestQueuedAt, string? LatestError, IReadOnlyList<string> LatestChannelsTried);

public enum DeliveryProblemKind
{
    Any,

    /// <summary>Given up: no channel reached the person.</summary>
    NotDelivered,

    /// <summary>Still pending after at least one failed attempt.</summary>
    BeingRetried,
}

/// <summary>
/// The tenant's delivery problems as both the bot's "deliveries" card and the admin portal show them: notifications
/// that failed for good and those pending after a failed attempt, newest first, and the people behind the failures.
/// Reads through the caller's tenant-scoped context, inside the caller's transaction.
/// </summary>
public static class DeliveryProblemsQuery
{
    public static async Task<IReadOnlyList<DeliveryProblem>> ListAsync(
        ComplianceDb db, Instant since, int limit, DeliveryProblemKind kind = DeliveryProblemKind.Any, CancellationToken ct = default)
    {
        var rows = await (from n in Problems(db, since, kind)
                          join u in db.Users on n.RecipientUserId equals u.Id
                          orderby n.CreatedAt descending, n.Id
                          select new
                          {
                              n.Id, n.Status, n.Stage, n.Channel, n.FailedChannels, n.Attempts, n.LastError, n.NotBefore, n.CreatedAt,
                              n.RecipientUserId, Person = u.Name, n.InstanceId,
                              Obligation = (from i in db.ComplianceInstances
                                            join m in db.ComplianceMasters on i.MasterId equals m.Id
                                            where i.Id == n.InstanceId
                                            select m.Code + " " + i.PeriodKey).FirstOrDefault(),
                          }).Take(limit).ToListAsync(ct);
        return rows.Select(r => new DeliveryProblem(
            r.Id, r.Status, r.Stage, r.Channel, r.FailedChannels, r.Attempts, r.LastError, r.NotBefore, r.CreatedAt,
            r.RecipientUserId, r.Person, r.InstanceId, r.Obligation)).ToList();
    }

    /// <summary>How many of each kind there are since <paramref name="since"/>, however many a list shows.</summary>
    public static async Task<(int NotDelivered, int BeingRetried)> CountAsync(ComplianceDb db, Instant since, CancellationToken ct = default)
    {
        var counts = await Problems(db, since, DeliveryProblemKind.Any)
            .GroupBy(n => n.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return (counts.Where(c => c.Status == NotificationStatus.Failed).Sum(c => c.Count),
                counts.Where(c => c.Status == NotificationStatus.Pending).Sum(c => c.Count));
    }

    /// <summary>The people with notifications not delivered since <paramref name="since"/>, the most recently failed first.</summary>
    public static async Task<IReadOnlyList<UnreachablePerson>> UnreachablePeopleAsync(ComplianceDb db, Instant since, int limit, CancellationToken ct = default)
    {
        var failed = Problems(db, since, DeliveryProblemKind.NotDelivered);
        var rows = await (from u in db.Users
                          where failed.Any(n => n.RecipientUserId == u.Id)
                          let latest = failed.Where(n => n.RecipientUserId == u.Id).OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).First()
                          orderby latest.CreatedAt descending, u.Name
                          select new
                          {
                              u.Id, u.Name, u.IsActive, Count = failed.Count(n => n.RecipientUserId == u.Id),
                              latest.CreatedAt, latest.LastError, latest.FailedChannels, latest.Channel,
                          })
            .Take(limit).ToListAsync(ct);
        return rows.Select(r => new UnreachablePerson(
            r.Id, r.Name, r.IsActive, r.Count, r.CreatedAt, r.LastError, r.FailedChannels.Count > 0 ? r.FailedChannels : [r.Channel.ToString()])).ToList();
    }

    private static IQueryable<Notification> Problems(ComplianceDb db, Instant since, DeliveryProblemKind kind)
    {
        var recent = db.Notifications.AsNoTracking().Where(n => n.CreatedAt >= since);
        return kind switch
        {
            DeliveryProblemKind.NotDelivered => recent.Where(n => n.Status == NotificationStatus.Failed),
            DeliveryProblemKind.BeingRetried => recent.Where(n => n.Status == NotificationStatus.Pending && n.Attempts > 0),
            _ => recent.Where(n => n.Status == NotificationStatus.Failed || (n.Status == NotificationStatus.Pending && n.Attempts > 0)),
        };
    }
}
