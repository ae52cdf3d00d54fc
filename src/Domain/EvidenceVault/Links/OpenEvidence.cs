using System.Security.Cryptography;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.EvidenceVault.Storage;
using ComplianceOs.Domain.Notifications;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace ComplianceOs.Domain.EvidenceVault.Links;

/// <summary>Verified bytes ready to serve: a local copy that deletes itself when closed.</summary>
public sealed record OpenedEvidence(Evidence Evidence, Stream Content);

/// <summary>The stored bytes no longer match the SHA-256 recorded at upload (or are gone): not served as valid.</summary>
public sealed record IntegrityError(string FileName) : Error("integrity", $"{FileName} failed its integrity check and was not served; the administrators have been told.");

/// <summary>
/// Opens a signed link: the signature and expiry, then the person's access as it is now (a link outlives neither
/// a revoked access nor a removal), then the bytes — copied to a local file while hashed, and compared with the
/// SHA-256 recorded at upload before anything is served. A mismatch is audited and reported to the tenant's admins.
/// </summary>
public sealed partial class OpenEvidenceHandler(
    ComplianceDbFactory dbs,
    EvidenceLinkToken tokens,
    IEvidenceStore store,
    AuditLog audit,
    TimeProvider clock,
    ILogger<OpenEvidenceHandler> logger)
{
    public const string IntegrityStage = "evidence-integrity";

    public async Task<CommandResult<OpenedEvidence>> HandleAsync(string token, CancellationToken ct = default)
    {
        if (tokens.Read(token) is not { } claims)
        {
            return new ForbiddenError("This download link is not valid.");
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        if (claims.Expires < now)
        {
            return new ForbiddenError("This download link has expired; ask for a new one from the obligation's card.");
        }

        await using var db = dbs.ForTenant(claims.TenantId);
        var check = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == claims.UserId && u.IsActive, ct);
        var evidence = await db.Evidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == claims.EvidenceId && e.RemovedAt == null, ct);
        if (user is null || evidence is null)
        {
            return new NotFoundError("Evidence", claims.EvidenceId.ToString());
        }

        var ctx = new CommandContext(claims.TenantId, Actor.User(user.Id, user.Name), Channel.Link);
        if ((await EvidenceAccess.LoadAsync(db, ctx, evidence.InstanceId, ct)).Value is null)
        {
            return new NotFoundError("Evidence", claims.EvidenceId.ToString());
        }

        await check.DisposeAsync();
        var copy = await VerifiedCopyAsync(evidence, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (copy is null)
        {
            LogIntegrityFailed(logger, evidence.Id, claims.TenantId);
            await ReportToAdminsAsync(db, evidence, now, ct);
            await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.EvidenceIntegrityFailed, "Evidence", evidence.Id.ToString(), null,
                new { expected = evidence.Sha256, key = evidence.StorageKey }), ct);
            await tx.CommitAsync(ct);
            return new IntegrityError(evidence.FileName);
        }

        await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.EvidenceDownloaded, "Evidence", evidence.Id.ToString(), null,
            new { version = evidence.Version, sha256 = evidence.Sha256 }), ct);
        await tx.CommitAsync(ct);
        return new OpenedEvidence(evidence, copy);
    }

    /// <summary>The stored bytes in a self-deleting temp file if their SHA-256 and size are those recorded; else null.</summary>
    private async Task<Stream?> VerifiedCopyAsync(Evidence evidence, CancellationToken ct)
    {
        await using var source = await store.OpenReadAsync(evidence.StorageKey, ct);
        if (source is null)
        {
            return null;
        }

        var path = Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}");
        var copy = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
                await copy.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            if (size != evidence.SizeBytes || Convert.ToHexStringLower(hash.GetHashAndReset()) != evidence.Sha256)
            {
                await copy.DisposeAsync();
                return null;
            }

            copy.Position = 0;
            return copy;
        }
        catch
        {
            await copy.DisposeAsync();
            throw;
        }
    }

    /// <summary>One card per admin and evidence version (the outbox's unique key), delivered by the dispatcher.</summary>
    private static async Task ReportToAdminsAsync(ComplianceDb db, Evidence evidence, Instant now, CancellationToken ct)
    {
        var admins = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Roles.Any(r => r.Role == UserRole.Admin))
            .Select(u => new { u.Id, u.PreferredChannel }).ToListAsync(ct);
        foreach (var admin in admins)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO notifications (id, tenant_id, instance_id, stage, recipient_user_id, cycle, channel, status, attempts, created_at)
                VALUES ({Guid.CreateVersion7()}, {evidence.TenantId}, {evidence.InstanceId}, {IntegrityStage}, {admin.Id},
                        {"integrity:" + evidence.Id.ToString("N")}, {Notification.ChannelFor(admin.PreferredChannel).ToString()}, 'Pending', 0, {now})
                ON CONFLICT (instance_id, stage, recipient_user_id, cycle) DO NOTHING
                """, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence {EvidenceId} of tenant {TenantId} failed its integrity check; not served")]
    private static partial void LogIntegrityFailed(ILogger logger, Guid evidenceId, Guid tenantId);
}
