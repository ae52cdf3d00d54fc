using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Tenancy.AddTeamsTenantId;

public sealed record AddTeamsTenantIdCommand(Guid TenantId, string TeamsTenantId);

/// <summary>
/// Binds a Microsoft Entra (Teams) tenant id to a tenant, so its users' messages resolve to it. An id belongs to one
/// tenant on the whole platform (the binding's primary key): one bound elsewhere is a conflict and nothing is
/// written. Platform operators and the system only; audited as <see cref="AuditAction.TenantUpdated"/> in the
/// tenant's chain and the platform's.
/// </summary>
public sealed class AddTeamsTenantIdHandler(ComplianceDbFactory dbs, AuditLog audit)
{
    public async Task<CommandResult<TeamsTenantBinding>> HandleAsync(PlatformContext ctx, AddTeamsTenantIdCommand cmd, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(cmd);
        if (ctx.Actor.Kind == ActorKind.User)
        {
            return new ForbiddenError("Only a platform operator can change a tenant's Teams tenants.");
        }

        var teamsId = TeamsTenantIds.Normalize(cmd.TeamsTenantId);
        if (string.IsNullOrEmpty(teamsId))
        {
            return new ValidationError("teamsTenantId", "is required");
        }

        if (TeamsTenantIds.Problem(teamsId) is { } problem)
        {
            return new ValidationError("teamsTenantId", problem);
        }

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

        var before = await db.TeamsTenantBindings.Where(b => b.TenantId == tenant.Id).OrderBy(b => b.TeamsTenantId).Select(b => b.TeamsTenantId).ToListAsync(ct);
        if (before.Contains(teamsId))
        {
            return new ConflictError("teamsTenantId", $"{teamsId} is already bound to {tenant.Name}");
        }

        var binding = new TeamsTenantBinding { TeamsTenantId = teamsId, TenantId = tenant.Id };
        db.TeamsTenantBindings.Add(binding);
        try
        {
            var record = new AuditRecord(AuditAction.TenantUpdated, nameof(Tenant), tenant.Id.ToString(),
                new { TeamsTenantIds = before }, new { TeamsTenantIds = before.Append(teamsId).Order(StringComparer.Ordinal).ToList() });
            await audit.AppendAsync(db, tenant.Id, ctx.Actor, ctx.Channel, ctx.CorrelationId, record, ct);
            await audit.AppendAsync(db, AuditLog.PlatformChain, ctx.Actor, ctx.Channel, ctx.CorrelationId, record, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_teams_tenant_bindings" })
        {
            // Row-level security hides the other tenant's binding, but not the platform-wide primary key.
            return new ConflictError("teamsTenantId", $"{teamsId} is already bound to another tenant");
        }

        return binding;
    }
}
