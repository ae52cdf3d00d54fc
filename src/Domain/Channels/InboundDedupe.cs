using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace ComplianceOs.Domain.Channels;

/// <summary>
/// Claims an inbound activity for handling. The claim is an <c>INSERT … ON CONFLICT DO NOTHING</c> on
/// (tenant, channel, conversation, activity) inside a transaction that stays open while the turn is handled: a
/// concurrent redelivery waits on the row and then sees it taken; a turn that fails rolls its claim back, so a
/// retry is handled again. Dispose without <see cref="Claim.CompleteAsync"/> to give the claim up.
/// </summary>
public sealed class InboundDedupe(ComplianceDbFactory dbs, TimeProvider clock)
{
    public async Task<Claim> TryClaimAsync(Guid tenantId, Channel channel, string conversationId, string activityId, CancellationToken ct = default)
    {
        var db = dbs.ForTenant(tenantId);
        var tx = await db.Database.BeginTransactionAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO inbound_activities (tenant_id, channel, conversation_id, activity_id, received_at)
            VALUES ({tenantId}, {channel.ToString()}, {conversationId}, {activityId}, {Instant.FromDateTimeOffset(clock.GetUtcNow())})
            ON CONFLICT DO NOTHING
            """,
            ct);
        return new Claim(db, tx, isNew: inserted == 1);
    }

    /// <summary>A held claim on one activity.</summary>
    public sealed class Claim : IAsyncDisposable
    {
        private readonly ComplianceDb _db;
        private readonly IDbContextTransaction _tx;

        internal Claim(ComplianceDb db, IDbContextTransaction tx, bool isNew)
        {
            _db = db;
            _tx = tx;
            IsNew = isNew;
        }

        /// <summary>False when this activity was already handled: do nothing.</summary>
        public bool IsNew { get; }

        public Task CompleteAsync(CancellationToken ct = default) => _tx.CommitAsync(ct);

        public async ValueTask DisposeAsync()
        {
            await _tx.DisposeAsync();
            await _db.DisposeAsync();
        }
    }
}
