using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.EvidenceVault.Review;

/// <summary>
/// The instance's review decides its pending proof: approving the work approves (and freezes) every pending,
/// unremoved upload of it except the filing's own proof, which is verified after filing; rejecting the work rejects
/// them with the rejection's comment. Runs inside the decision's transaction; each decided upload gets its own audit entry.
/// </summary>
public static class EvidenceReview
{
    public static async Task<IReadOnlyList<Evidence>> DecideWithInstanceAsync(ComplianceDb db, Guid instanceId, bool approved, Guid decidedBy, string? comment, Instant now, CancellationToken ct)
    {
        var pending = await db.Evidence
            .Where(e => e.InstanceId == instanceId && e.ApprovalStatus == EvidenceApprovalStatus.Pending && e.RemovedAt == null)
            .ToListAsync(ct);
        var decided = new List<Evidence>();
        foreach (var e in pending.Where(e => !EvidenceKinds.IsFilingProof(e.EvidenceKind)))
        {
            Decide(e, approved, decidedBy, approved ? null : comment ?? "rejected with the work", now);
            decided.Add(e);
        }

        return decided;
    }

    internal static void Decide(Evidence e, bool approved, Guid decidedBy, string? comment, Instant now)
    {
        e.ApprovalStatus = approved ? EvidenceApprovalStatus.Approved : EvidenceApprovalStatus.Rejected;
        e.IsImmutable = approved;
        e.DecidedByUserId = decidedBy;
        e.DecidedAt = now;
        e.DecisionComment = comment;
    }
}

public sealed record VerifyEvidenceCommand(Guid EvidenceId, bool Approve, string? Comment = null);

/// <summary>
/// The approver verifies the filing's proof (acknowledgement, filed return) from the Filed card: Pending → Approved
/// (immutable) or Rejected with a comment. Maker-checker: not the person who uploaded it.
/// </summary>
public sealed class VerifyEvidenceHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    public async Task<CommandResult<Evidence>> HandleAsync(CommandContext ctx, VerifyEvidenceCommand cmd, CancellationToken ct = default)
    {
        if (!cmd.Approve && string.IsNullOrWhiteSpace(cmd.Comment))
        {
            return new ValidationError("comment", "a reason is required to reject proof");
        }

        if (cmd.Comment is { Length: > 2000 })
        {
            return new ValidationError("comment", "is longer than 2000 characters");
        }

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var evidence = await db.Evidence.FromSql($"SELECT * FROM evidence WHERE id = {cmd.EvidenceId} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (evidence is null || evidence.RemovedAt is not null)
        {
            return new NotFoundError("Evidence", cmd.EvidenceId.ToString());
        }

        var loaded = await EvidenceAccess.LoadAsync(db, ctx, evidence.InstanceId, ct);
        if (loaded.Value is not { } scope)
        {
            return new NotFoundError("Evidence", cmd.EvidenceId.ToString());
        }

        if (!scope.MayDecide)
        {
            return new ForbiddenError($"Only an approver or an admin can verify the proof of {scope.Describe}.");
        }

        if (evidence.UploadedByUserId == scope.Actor.Id)
        {
            return new ForbiddenError($"You uploaded {evidence.FileName}; someone else must verify it (maker-checker).");
        }

        if (evidence.ApprovalStatus != EvidenceApprovalStatus.Pending)
        {
            return new ConflictError("evidence", $"{evidence.FileName} (v{evidence.Version}) was already {evidence.ApprovalStatus.ToString().ToLowerInvariant()}");
        }

        EvidenceReview.Decide(evidence, cmd.Approve, scope.Actor.Id, cmd.Approve ? null : cmd.Comment!.Trim(), Instant.FromDateTimeOffset(clock.GetUtcNow()));
        await audit.AppendAsync(db, ctx, new AuditRecord(cmd.Approve ? AuditAction.EvidenceApproved : AuditAction.EvidenceRejected, "Evidence", evidence.Id.ToString(),
            new { status = "Pending" }, new { status = evidence.ApprovalStatus.ToString(), comment = evidence.DecisionComment, sha256 = evidence.Sha256 }), ct);
        await tx.CommitAsync(ct);
        return evidence;
    }
}
