using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ComplianceOs.Domain.EvidenceVault.Links;

public sealed record IssueEvidenceLinkCommand(Guid EvidenceId);

public sealed record EvidenceLink(Evidence Evidence, Uri Url, Instant Expires);

/// <summary>
/// A download link for one version, for the person asking, if they may see its entity. Every link issued is
/// audited (who, which version, until when).
/// </summary>
public sealed class IssueEvidenceLinkHandler(ComplianceDbFactory dbs, EvidenceLinkToken tokens, AuditLog audit, IOptions<EvidenceLinkOptions> options, TimeProvider clock)
{
    public async Task<CommandResult<EvidenceLink>> HandleAsync(CommandContext ctx, IssueEvidenceLinkCommand cmd, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var evidence = await db.Evidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == cmd.EvidenceId && e.RemovedAt == null, ct);
        if (evidence is null || (await EvidenceAccess.LoadAsync(db, ctx, evidence.InstanceId, ct)).Value is not { } scope)
        {
            // Another tenant's evidence, or one of an entity the person cannot see, looks like none at all.
            return new NotFoundError("Evidence", cmd.EvidenceId.ToString());
        }

        var expires = Instant.FromDateTimeOffset(clock.GetUtcNow()).Plus(Duration.FromTimeSpan(options.Value.Lifetime));
        var token = tokens.Create(new EvidenceLinkClaims(ctx.TenantId, evidence.Id, scope.Actor.Id, expires));
        await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.EvidenceLinkIssued, "Evidence", evidence.Id.ToString(), null,
            new { version = evidence.Version, expires = expires.ToString() }), ct);
        await tx.CommitAsync(ct);
        return new EvidenceLink(evidence, new Uri($"{options.Value.PublicBaseUrl.TrimEnd('/')}/evidence/{token}"), expires);
    }
}
