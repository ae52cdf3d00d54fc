using System.Text.Json;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using NodaTime;

namespace ComplianceOs.AdminPortal.Audit;

/// <summary>
/// The outcome of verifying a tenant's hash chain, as recorded in the <see cref="AuditAction.AuditChainVerified"/>
/// entry the check appends: the page shows the result from that entry, so what an admin was shown is itself on the
/// trail, and the result's address can be bookmarked.
/// </summary>
public sealed record ChainVerification(long EntriesChecked, bool Intact, long? BrokenAt, Guid? BrokenEntry, string? Reason)
{
    public const string TargetType = "AuditChain";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ChainVerification Of(AuditChainReport report) =>
        new(report.EntriesChecked, report.IsIntact, report.FirstBreak?.Sequence, report.FirstBreak?.EntryId, report.FirstBreak?.Reason);

    public static ChainVerification? Read(AuditEntry entry) =>
        entry.Action == AuditAction.AuditChainVerified && entry.After is { } after ? JsonSerializer.Deserialize<ChainVerification>(after, Json) : null;

    /// <summary>
    /// Verifies the chain of <paramref name="ctx"/>'s tenant with <see cref="AuditChainVerifier"/>, then appends the
    /// outcome in a transaction of its own (the check reads; only the record of it writes).
    /// </summary>
    public static async Task<(AuditEntry Entry, ChainVerification Result)> RunAsync(
        ComplianceDb db, CommandContext ctx, AuditChainVerifier verifier, AuditLog audit, CancellationToken ct)
    {
        var result = Of(await verifier.VerifyAsync(db, ctx.TenantId, ct));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entry = await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.AuditChainVerified, TargetType, ctx.TenantId.ToString(), null, result), ct);
        await tx.CommitAsync(ct);
        return (entry, result);
    }
}

/// <summary>A <see cref="ChainVerification"/> with when and by whom, for the page.</summary>
public sealed record ChainVerificationShown(ChainVerification Result, Guid EntryId, long Sequence, string By, Instant At);
