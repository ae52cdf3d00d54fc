using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.BotHost.Conversation.History;

/// <summary>"history …": the audit trail of one obligation, oldest first, in words, in the tenant's time zone.</summary>
public sealed class ObligationHistory(ComplianceDbFactory dbs, ObligationCards status)
{
    private static readonly LocalDateTimePattern When = LocalDateTimePattern.CreateWithInvariantCulture("d MMM uuuu HH:mm");

    public async Task<Card> BuildAsync(ResolvedIdentity identity, Conversation.Parsing.ParsedMessage parsed, CancellationToken ct)
    {
        var (instanceId, answer, _) = await status.FindOneAsync(identity, parsed, ct);
        if (instanceId is not { } id)
        {
            return answer!;
        }

        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var title = await (from i in db.ComplianceInstances
                           join m in db.ComplianceMasters on i.MasterId equals m.Id
                           join e in db.LegalEntities on i.EntityId equals e.Id
                           where i.Id == id
                           select e.Name + " — " + m.Name + " " + i.PeriodKey).SingleAsync(ct);
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.TargetId == id.ToString()).OrderBy(a => a.Sequence).ToListAsync(ct);
        var zone = DateTimeZoneProviders.Tzdb[identity.TimeZone];
        var rows = entries.Select(a => new Fact(
            When.Format(a.OccurredAt.InZone(zone).LocalDateTime),
            $"{a.ActorName} ({a.Channel.ToString().ToLowerInvariant()}): {Describe(a.Action)}")).ToList();
        return new Card([rows.Count == 0 ? new TextBlock("Nothing has happened to it yet.") : new FactList(rows)])
        {
            Title = $"History — {title}",
            Subtitle = $"{rows.Count} entries from the audit trail (hash-chained)",
        };
    }

    private static string Describe(AuditAction action) => action switch
    {
        AuditAction.InstanceCreated => "created",
        AuditAction.InstanceStarted => "started work",
        AuditAction.SubmittedForApproval => "submitted for approval",
        AuditAction.Approved => "approved",
        AuditAction.Rejected => "rejected",
        AuditAction.Filed => "recorded the filing",
        AuditAction.Blocked => "blocked it",
        AuditAction.Unblocked => "unblocked it",
        AuditAction.Commented => "commented",
        AuditAction.Reassigned => "reassigned it",
        _ => action.ToString(),
    };
}
