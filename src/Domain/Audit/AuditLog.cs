using System.Data.Common;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace ComplianceOs.Domain.Audit;

/// <summary>What one audit entry says; the log adds sequence, time and hashes.</summary>
public sealed record AuditRecord(
    AuditAction Action,
    string TargetType,
    string TargetId,
    object? Before,
    object? After);

/// <summary>
/// Appends to a tenant's hash chain inside the caller's transaction, so the entry commits or rolls back with the
/// change it describes. A transaction-scoped advisory lock per tenant serialises appenders, and the unique
/// (tenant, sequence) key makes a fork impossible even if the lock were bypassed.
/// </summary>
public sealed class AuditLog(TimeProvider clock)
{
    /// <summary>The chain of platform-level actions (operators, tenant lifecycle outside a tenant).</summary>
    public static readonly Guid PlatformChain = Guid.Empty;

    private const string HeadSql = """
        SELECT pg_advisory_xact_lock(hashtextextended('audit:' || @tenant::text, 0));
        SELECT (SELECT sequence FROM audit_entries WHERE tenant_id = @tenant ORDER BY sequence DESC LIMIT 1),
               (SELECT hash FROM audit_entries WHERE tenant_id = @tenant ORDER BY sequence DESC LIMIT 1),
               CAST(@before AS jsonb)::text,
               CAST(@after AS jsonb)::text;
        """;

    /// <summary>
    /// Appends one entry for <paramref name="tenantId"/> (or <see cref="PlatformChain"/>) and saves the context's
    /// pending changes with it. Requires an open transaction on <paramref name="db"/>; throws otherwise (a bug).
    /// </summary>
    public async Task<AuditEntry> AppendAsync(
        ComplianceDb db, Guid tenantId, Actor actor, Channel channel, string? correlationId, AuditRecord record, CancellationToken ct = default)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Audit entries are appended inside the transaction of the change they record.");

        var beforeJson = AuditSnapshot.Serialize(record.Before);
        var afterJson = AuditSnapshot.Serialize(record.After);

        long lastSequence;
        string previousHash;
        string? storedBefore;
        string? storedAfter;
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = HeadSql;
            AddParameter(command, "tenant", tenantId);
            AddParameter(command, "before", (object?)beforeJson ?? DBNull.Value);
            AddParameter(command, "after", (object?)afterJson ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            lastSequence = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
            previousHash = reader.IsDBNull(1) ? AuditCanonicalForm.GenesisHash : reader.GetString(1);
            storedBefore = reader.IsDBNull(2) ? null : reader.GetString(2);
            storedAfter = reader.IsDBNull(3) ? null : reader.GetString(3);
        }

        var entry = new AuditEntry
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Sequence = lastSequence + 1,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            Channel = channel,
            Action = record.Action,
            TargetType = record.TargetType,
            TargetId = record.TargetId,
            Before = storedBefore,
            After = storedAfter,
            CorrelationId = correlationId,
            OccurredAt = AuditCanonicalForm.ToStoredPrecision(Instant.FromDateTimeOffset(clock.GetUtcNow())),
            PreviousHash = previousHash,
            Hash = string.Empty,
        };
        entry.Hash = AuditCanonicalForm.ComputeHash(entry);

        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    /// <summary>Appends within a tenant command's context.</summary>
    public Task<AuditEntry> AppendAsync(ComplianceDb db, CommandContext ctx, AuditRecord record, CancellationToken ct = default) =>
        AppendAsync(db, ctx.TenantId, ctx.Actor, ctx.Channel, ctx.CorrelationId, record, ct);

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
