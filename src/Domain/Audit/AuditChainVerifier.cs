using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NodaTime;

namespace ComplianceOs.Domain.Audit;

/// <summary>Where a chain first stops verifying, and why.</summary>
public sealed record AuditChainBreak(long Sequence, Guid? EntryId, string Reason);

public sealed record AuditChainReport(Guid TenantId, long EntriesChecked, AuditChainBreak? FirstBreak)
{
    public bool IsIntact => FirstBreak is null;
}

/// <summary>
/// Walks a tenant's chain in sequence order, recomputing each hash from the stored values (see
/// <see cref="AuditCanonicalForm"/>) and checking each link to its predecessor; reports the first broken link.
/// Entries removed from the end of a chain leave no gap to find: anchor the latest hash elsewhere to detect that.
/// </summary>
public sealed class AuditChainVerifier
{
    private const int PageSize = 1000;

    /// <param name="db">A context scoped to the tenant (or platform scope for <see cref="AuditLog.PlatformChain"/>).</param>
    public async Task<AuditChainReport> VerifyAsync(ComplianceDb db, Guid tenantId, CancellationToken ct = default)
    {
        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var tx = ownTransaction ? await db.Database.BeginTransactionAsync(ct) : null;

        long checkedCount = 0;
        long expectedSequence = 1;
        var previousHash = AuditCanonicalForm.GenesisHash;
        while (true)
        {
            var page = await ReadPageAsync(db, tenantId, expectedSequence, ct);

            foreach (var (id, entry, hash) in page)
            {
                if (entry.Sequence != expectedSequence)
                {
                    return Broken(new AuditChainBreak(expectedSequence, null, $"entry {expectedSequence} is missing (next stored is {entry.Sequence})"));
                }

                if (entry.PreviousHash != previousHash)
                {
                    return Broken(new AuditChainBreak(entry.Sequence, id, $"previous hash does not match the hash of entry {entry.Sequence - 1}"));
                }

                if (AuditCanonicalForm.ComputeHash(entry) != hash)
                {
                    return Broken(new AuditChainBreak(entry.Sequence, id, "stored values do not match the entry's hash (the entry was altered)"));
                }

                previousHash = hash;
                expectedSequence++;
                checkedCount++;
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        return new AuditChainReport(tenantId, checkedCount, null);

        AuditChainReport Broken(AuditChainBreak b) => new(tenantId, checkedCount, b);
    }

    // jsonb is read back as PostgreSQL's text rendering: exactly what the hash was computed over.
    private const string PageSql = """
        SELECT id, tenant_id, sequence, actor_kind, actor_id, actor_name, channel, action, target_type,
               target_id, before::text, after::text, correlation_id, occurred_at, previous_hash, hash
        FROM audit_entries
        WHERE tenant_id = @tenant AND sequence >= @from
        ORDER BY sequence
        LIMIT @limit
        """;

    private static async Task<List<(Guid Id, AuditCanonicalForm.HashInput Entry, string Hash)>> ReadPageAsync(
        ComplianceDb db, Guid tenantId, long fromSequence, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = PageSql;
        command.Parameters.Add(new NpgsqlParameter("tenant", tenantId));
        command.Parameters.Add(new NpgsqlParameter("from", fromSequence));
        command.Parameters.Add(new NpgsqlParameter("limit", PageSize));
        await using var r = await command.ExecuteReaderAsync(ct);
        var page = new List<(Guid, AuditCanonicalForm.HashInput, string)>();
        while (await r.ReadAsync(ct))
        {
            var entry = new AuditCanonicalForm.HashInput(
                TenantId: r.GetGuid(1),
                Sequence: r.GetInt64(2),
                OccurredAt: r.GetFieldValue<Instant>(13),
                ActorKind: r.GetString(3),
                ActorId: r.IsDBNull(4) ? null : r.GetGuid(4),
                ActorName: r.GetString(5),
                Channel: r.GetString(6),
                Action: r.GetString(7),
                TargetType: r.GetString(8),
                TargetId: r.GetString(9),
                CorrelationId: r.IsDBNull(12) ? null : r.GetString(12),
                Before: r.IsDBNull(10) ? null : r.GetString(10),
                After: r.IsDBNull(11) ? null : r.GetString(11),
                PreviousHash: r.GetString(14));
            page.Add((r.GetGuid(0), entry, r.GetString(15)));
        }

        return page;
    }
}
