using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Channels;

/// <summary>
/// The obligation a person's conversation was last about (the card they last opened or acted on) and, after
/// "Replace", the slot they are replacing: where a file dropped without words goes. Routing state, not a
/// compliance action: not audited (the upload it leads to is).
/// </summary>
public sealed class ConversationFocus : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    public Guid InstanceId { get; set; }

    public string? EvidenceKind { get; set; }

    public Instant UpdatedAt { get; set; }
}

/// <summary>Remembers and recalls <see cref="ConversationFocus"/>; a focus older than <see cref="Lifetime"/> is forgotten.</summary>
public sealed class ConversationFocusStore(ComplianceDbFactory dbs, TimeProvider clock)
{
    public static readonly Duration Lifetime = Duration.FromHours(12);

    public async Task RememberAsync(Guid tenantId, Guid userId, Guid instanceId, string? evidenceKind, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO conversation_focus (tenant_id, user_id, instance_id, evidence_kind, updated_at)
            VALUES ({tenantId}, {userId}, {instanceId}, {evidenceKind}, {now})
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET instance_id = excluded.instance_id,
              evidence_kind = excluded.evidence_kind, updated_at = excluded.updated_at
            """, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<ConversationFocus?> RecallAsync(Guid tenantId, Guid userId, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var since = Instant.FromDateTimeOffset(clock.GetUtcNow()).Minus(Lifetime);
        return await db.ConversationFocus.AsNoTracking().SingleOrDefaultAsync(f => f.UserId == userId && f.UpdatedAt >= since, ct);
    }
}
