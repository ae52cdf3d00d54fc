using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Tenancy.RemoveTeamsTenantId;

public sealed record RemoveTeamsTenantIdCommand(Guid TenantId, string TeamsTenantId);

/// <summary>
/// Unbinds a Microsoft Entra (Teams) tenant id from a tenant: its users' messages no longer resolve to the tenant.
/// Only the tenant's own binding is found (row-level security), so another tenant's id is "not found". Platform
/// operators and the system only; audited as <see cref="AuditAction.TenantUpdated"/> in the tenant's chain and the
/// platform's.
/// </summary>
public sealed class RemoveTeamsTenantIdHandler(ComplianceDbFactory dbs, AuditLog audit)
{
    public async Task<CommandResult<TeamsTenantBinding>> HandleAsync(PlatformContext ctx, RemoveTeamsTenantIdCommand cmd, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(cmd);
        if (ctx.Actor.Kind == ActorKind.User)
        {
            return new ForbiddenError("Only a platform operator can change a tenant's Teams tenants.");
        }

        var teamsId = TeamsTenantIds.Normalize(cmd.TeamsTenantId);
        if (cmd.TenantId == Guid.Empty)
        {
            return new NotFoundError("Tenant", cmd.TenantId.ToString());
        }

        await using var db = dbs.ForPlatformWithinTenant(cmd.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == cmd.TenantId, ct);
        if (tenant is null)
        {
            return new NotFoundError("Tenant", cmd.TenantId.ToString());
        }

        var bindings = await db.TeamsTenantBindings.Where(b => b.TenantId == tenant.Id).OrderBy(b => b.TeamsTenantId).ToListAsync(ct);
        var binding = bindings.SingleOrDefault(b => b.TeamsTenantId == teamsId);
        if (binding is null)
        {
            return new NotFoundError("Teams tenant binding", teamsId);
        }

        db.TeamsTenantBindings.Remove(binding);
        var before = bindings.Select(b => b.TeamsTenantId).ToList();
        var record = new AuditRecord(AuditAction.TenantUpdated, nameof(Tenant), tenant.Id.ToString(),
            new { TeamsTenantIds = before }, new { TeamsTenantIds = before.Where(id => id != teamsId).ToList() });
        await audit.AppendAsync(db, tenant.Id, ctx.Actor, ctx.Channel, ctx.CorrelationId, record, ct);
        await audit.AppendAsync(db, AuditLog.PlatformChain, ctx.Actor, ctx.Channel, ctx.CorrelationId, record, ct);
        await tx.CommitAsync(ct);
        return binding;
    }
}
