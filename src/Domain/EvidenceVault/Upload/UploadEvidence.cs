using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.EvidenceVault.Inspection;
using ComplianceOs.Domain.EvidenceVault.Storage;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ComplianceOs.Domain.EvidenceVault.Upload;

/// <param name="Content">The bytes as they arrive (a download stream); never trusted for its length.</param>
public sealed record UploadEvidenceCommand(Guid InstanceId, string Kind, string FileName, Stream Content);

/// <summary>What was stored, or — when the same bytes were already in the slot — the version that holds them.</summary>
public sealed record EvidenceReceipt(Evidence Evidence, string Describe, bool AlreadyStored);

/// <summary>
/// A file becomes a version of an obligation's proof. The bytes are streamed into staging while their SHA-256 and
/// size are computed (the tenant's limit enforced as they arrive), their type is decided from the content, and only
/// then is anything kept: the row (with its audit entry) and the committed blob go together — the blob is committed
/// inside the row's transaction, so a failed commit leaves no row, and a refused file leaves nothing at all.
/// </summary>
public sealed partial class UploadEvidenceHandler(
    ComplianceDbFactory dbs,
    IEvidenceStore store,
    ContentInspector inspector,
    AuditLog audit,
    IOptions<EvidenceStorageOptions> options,
    TimeProvider clock,
    ILogger<UploadEvidenceHandler> logger)
{
    public async Task<CommandResult<EvidenceReceipt>> HandleAsync(CommandContext ctx, UploadEvidenceCommand cmd, CancellationToken ct = default)
    {
        var fileName = SafeFileName.From(cmd.FileName);
        await using var db = dbs.ForTenant(ctx.TenantId);

        // The checks read in a short transaction of their own, in two queries (the person; the obligation with its
        // slots, latest version and the tenant's limit): none is held open while the file streams in.
        var check = await db.Database.BeginTransactionAsync(ct);
        var kind = cmd.Kind;
        var facts = await db.ComplianceInstances.AsNoTracking().Where(i => i.Id == cmd.InstanceId)
            .Select(i => new
            {
                Instance = i,
                Master = db.ComplianceMasters.Where(m => m.Id == i.MasterId).Select(m => new { m.Code, m.EvidenceKinds }).First(),
                Latest = db.Evidence.Where(e => e.InstanceId == i.Id && e.EvidenceKind == kind)
                    .OrderByDescending(e => e.Version).Select(e => new { e.Id, e.Version }).FirstOrDefault(),
                Limit = db.Tenants.Where(t => t.Id == i.TenantId).Select(t => t.MaxEvidenceBytes).First(),
            })
            .SingleOrDefaultAsync(ct);
        var loaded = await EvidenceAccess.DecideAsync(db, ctx, cmd.InstanceId, facts?.Instance, facts?.Master.Code, ct);
        if (loaded.Value is not { } scope)
        {
            return CommandResult<EvidenceReceipt>.Failure(loaded.Errors);
        }

        var slots = EvidenceKinds.SlotsFor(facts!.Master.EvidenceKinds);
        if (!slots.Contains(cmd.Kind))
        {
            return new ValidationError("kind", $"{scope.Describe} has no '{cmd.Kind}' slot; its slots are {string.Join(", ", slots)}");
        }

        if (!scope.MayUpload)
        {
            return new ForbiddenError("Viewers can read the proof but not add to it.");
        }

        if (scope.Instance.Status is InstanceStatus.Approved or InstanceStatus.Filed && !EvidenceKinds.IsFilingProof(cmd.Kind))
        {
            return new ConflictError("kind", $"{scope.Describe} is {scope.Instance.Status}; its working proof is closed. Only the filing's acknowledgement or the filed return can still be added");
        }

        var latest = facts.Latest;
        var limit = facts.Limit ?? options.Value.MaxUploadBytes;
        var id = Guid.CreateVersion7();
        var version = (latest?.Version ?? 0) + 1;
        var key = EvidenceKey.For(ctx.TenantId, scope.Instance.EntityId, scope.Instance.Id, id, version, fileName);
        await check.DisposeAsync();

        var staged = await store.StageAsync(key, cmd.Content, limit, ct);
        if (staged.Staged is not { } blob)
        {
            return new ValidationError("file", staged.Refusal == StageRefusal.Empty
                ? "the file is empty"
                : $"the file is larger than the {Size.Describe(limit)} limit for evidence");
        }

        try
        {
            InspectionResult verdict;
            await using (var bytes = blob.OpenRead())
            {
                verdict = inspector.Inspect(bytes, fileName);
            }

            if (!verdict.Accepted)
            {
                LogRefused(logger, cmd.InstanceId, verdict.Refusal!);
                return new ValidationError("file", verdict.Refusal!);
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var same = await db.Evidence.AsNoTracking()
                .SingleOrDefaultAsync(e => e.InstanceId == cmd.InstanceId && e.EvidenceKind == cmd.Kind && e.Sha256 == blob.Sha256 && e.RemovedAt == null, ct);
            if (same is not null)
            {
                return new EvidenceReceipt(same, scope.Describe, AlreadyStored: true);
            }

            var evidence = new Evidence
            {
                Id = id,
                TenantId = ctx.TenantId,
                InstanceId = cmd.InstanceId,
                EvidenceKind = cmd.Kind,
                FileName = fileName,
                ContentType = verdict.ContentType!,
                SizeBytes = blob.Size,
                Sha256 = blob.Sha256,
                StorageKey = key,
                Version = version,
                ParentEvidenceId = latest?.Id,
                UploadedByUserId = scope.Actor.Id,
                UploadedAt = Instant.FromDateTimeOffset(clock.GetUtcNow()),
                Channel = ctx.Channel,
            };

            db.Evidence.Add(evidence);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
            {
                return error is ConflictError { Field: "version" }
                    ? new ConflictError("version", $"another file reached {EvidenceKinds.Label(cmd.Kind)} of {scope.Describe} at the same moment; send yours again")
                    : error;
            }

            // The row is written but not committed: the blob is committed next, then the audit entry is appended and the
            // row committed with it. The audit append takes the tenant's chain lock, so it comes after the blob's
            // request rather than holding every other audited action of the tenant behind it.
            await store.CommitAsync(blob, ct);
            await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.EvidenceUploaded, "Evidence", id.ToString(), null, new
            {
                instance = cmd.InstanceId, kind = cmd.Kind, version, fileName, size = blob.Size, sha256 = blob.Sha256, parent = latest?.Id,
            }), ct);
            await tx.CommitAsync(ct);
            LogStored(logger, id, cmd.InstanceId, version, blob.Size);
            return new EvidenceReceipt(evidence, scope.Describe, AlreadyStored: false);
        }
        finally
        {
            await store.AbandonAsync(blob, CancellationToken.None);
        }
    }

    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["ix_evidence_instance_id_evidence_kind_version"] = "version",
        ["ux_evidence_slot_sha256"] = "file",
        ["ix_evidence_storage_key"] = "file",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence {EvidenceId} v{Version} stored for instance {InstanceId} ({Size} bytes)")]
    private static partial void LogStored(ILogger logger, Guid evidenceId, Guid instanceId, int version, long size);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence for instance {InstanceId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid instanceId, string reason);
}
