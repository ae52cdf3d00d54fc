using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Tenancy.DeactivateTenant;

public sealed record DeactivateTenantCommand(Guid TenantId);

/// <summary>
/// Deactivates a tenant: its Teams tenants and Slack workspaces stop resolving to it, its admins' portal sessions end
/// at their next request, and no install link is issued for it. Nothing of its data is deleted. Platform operators and
/// the system only; audited in the tenant's chain and the platform's, in the same transaction.
/// </summary>
public sealed class DeactivateTenantHandler(ComplianceDbFactory dbs, AuditLog audit)
{
    public async Task<CommandResult<Tenant>> HandleAsync(PlatformContext ctx, DeactivateTenantCommand cmd, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(cmd);
        if (ctx.Actor.Kind == ActorKind.User)
        {
            return new ForbiddenError("Only a platform operator can deactivate tenants.");
        }

        if (cmd.TenantId == Guid.Empty)
        {
            return new NotFoundError("Tenant", cmd.TenantId.ToString());
        }

        await using var db = dbs.ForPlatformWithinTenant(cmd.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == cmd.TenantId, ct);
        if (tenant is null)
        {
            return new NotFoundError("Tenant", cmd.TenantId.ToString());
        }

        if (!tenant.IsActive)
        {
            return new ConflictError("tenant", $"{tenant.Name} is already deactivated");
        }

        tenant.IsActive = false;
        var record = new AuditRecord(AuditAction.TenantDeactivated, nameof(Tenant), tenant.Id.ToString(),
            new { tenant.Id, tenant.Name, IsActive = true }, new { tenant.Id, tenant.Name, IsActive = false });
        await audit.AppendAsync(db, tenant.Id, ctx.Actor, ctx.Channel, ctx.CorrelationId, record, ct);
        await audit.AppendAsync(db, AuditLog.PlatformChain, ctx.Actor, ctx.Channel, ctx.CorrelationId, record, ct);
        await tx.CommitAsync(ct);
        return tenant;
    }
}
