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

    // Stored before/after are jsonb; the hash covers them as PostgreSQL renders them, so they are rendered first.
    private const string NormalizeSql = "SELECT CAST(@before AS jsonb)::text, CAST(@after AS jsonb)::text";

    // Lock, head, hash and insert in one statement (migration AuditAppendInOneStatement).
    private const string AppendSql = """
        SELECT out_sequence, out_previous_hash, out_hash FROM app_audit_append(
          @id, @tenant, @actor_kind, @actor_id, @actor_name, @channel, @action, @target_type, @target_id,
          CAST(@before AS jsonb), CAST(@after AS jsonb), @correlation_id, @occurred_at, @prefix, @middle, @suffix)
        """;

    /// <summary>
    /// Appends one entry for <paramref name="tenantId"/> (or <see cref="PlatformChain"/>) after saving the context's
    /// pending changes. Requires an open transaction on <paramref name="db"/>; throws otherwise (a bug). The chain
    /// lock is taken by the append itself and held only until the caller commits, so call this last.
    /// </summary>
    public async Task<AuditEntry> AppendAsync(
        ComplianceDb db, Guid tenantId, Actor actor, Channel channel, string? correlationId, AuditRecord record, CancellationToken ct = default)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Audit entries are appended inside the transaction of the change they record.");

        await db.SaveChangesAsync(ct);
        var beforeJson = AuditSnapshot.Serialize(record.Before);
        var afterJson = AuditSnapshot.Serialize(record.After);
        string? storedBefore = null;
        string? storedAfter = null;
        if (beforeJson is not null || afterJson is not null)
        {
            await using var normalize = db.Database.GetDbConnection().CreateCommand();
            normalize.Transaction = transaction.GetDbTransaction();
            normalize.CommandText = NormalizeSql;
            AddParameter(normalize, "before", (object?)beforeJson ?? DBNull.Value);
            AddParameter(normalize, "after", (object?)afterJson ?? DBNull.Value);
            await using var reader = await normalize.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            storedBefore = reader.IsDBNull(0) ? null : reader.GetString(0);
            storedAfter = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        var entry = new AuditEntry
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
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
            PreviousHash = string.Empty,
            Hash = string.Empty,
        };
        var (prefix, middle, suffix) = AuditCanonicalForm.RenderAroundHead(AuditCanonicalForm.HashInput.From(entry));

        await using (var append = db.Database.GetDbConnection().CreateCommand())
        {
            append.Transaction = transaction.GetDbTransaction();
            append.CommandText = AppendSql;
            AddParameter(append, "id", entry.Id);
            AddParameter(append, "tenant", tenantId);
            AddParameter(append, "actor_kind", entry.ActorKind.ToString());
            AddParameter(append, "actor_id", (object?)entry.ActorId ?? DBNull.Value);
            AddParameter(append, "actor_name", entry.ActorName);
            AddParameter(append, "channel", entry.Channel.ToString());
            AddParameter(append, "action", entry.Action.ToString());
            AddParameter(append, "target_type", entry.TargetType);
            AddParameter(append, "target_id", entry.TargetId);
            AddParameter(append, "before", (object?)storedBefore ?? DBNull.Value);
            AddParameter(append, "after", (object?)storedAfter ?? DBNull.Value);
            AddParameter(append, "correlation_id", (object?)correlationId ?? DBNull.Value);
            AddParameter(append, "occurred_at", entry.OccurredAt);
            AddParameter(append, "prefix", prefix);
            AddParameter(append, "middle", middle);
            AddParameter(append, "suffix", suffix);
            await using var reader = await append.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            entry.Sequence = reader.GetInt64(0);
            entry.PreviousHash = reader.GetString(1);
            entry.Hash = reader.GetString(2);
        }

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
