using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.EvidenceVault.Remove;

public sealed record RemoveEvidenceCommand(Guid EvidenceId);

/// <summary>
/// An upload taken back by the person who sent it, before it is approved: the row stays (soft delete, audited) and
/// the bytes stay in the store; it is simply no longer offered. Approved proof cannot be removed by anyone — the
/// database refuses it too.
/// </summary>
public sealed class RemoveEvidenceHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    public async Task<CommandResult<Evidence>> HandleAsync(CommandContext ctx, RemoveEvidenceCommand cmd, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var evidence = await db.Evidence.FromSql($"SELECT * FROM evidence WHERE id = {cmd.EvidenceId} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (evidence is null)
        {
            return new NotFoundError("Evidence", cmd.EvidenceId.ToString());
        }

        var loaded = await EvidenceAccess.LoadAsync(db, ctx, evidence.InstanceId, ct);
        if (loaded.Value is not { } scope)
        {
            return loaded.Errors[0] is NotFoundError ? new NotFoundError("Evidence", cmd.EvidenceId.ToString()) : CommandResult<Evidence>.Failure(loaded.Errors);
        }

        if (evidence.RemovedAt is not null)
        {
            return new ConflictError("evidence", $"{evidence.FileName} (v{evidence.Version}) was already removed");
        }

        if (evidence.UploadedByUserId != scope.Actor.Id)
        {
            return new ForbiddenError("Only the person who uploaded a file can remove it.");
        }

        if (evidence.ApprovalStatus == EvidenceApprovalStatus.Approved)
        {
            return new ConflictError("evidence", $"{evidence.FileName} (v{evidence.Version}) is approved proof; it cannot be removed");
        }

        evidence.RemovedAt = Instant.FromDateTimeOffset(clock.GetUtcNow());
        evidence.RemovedByUserId = scope.Actor.Id;
        await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.EvidenceRemoved, "Evidence", evidence.Id.ToString(),
            new { instance = evidence.InstanceId, kind = evidence.EvidenceKind, version = evidence.Version, sha256 = evidence.Sha256 },
            new { removed = true }), ct);
        await tx.CommitAsync(ct);
        return evidence;
    }
}
