using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Masters.RetireCustomMaster;

public sealed record RetireCustomMasterCommand(Guid MasterId);

/// <summary>
/// Takes a tenant's custom master or override out of force: no new obligations are generated from it, and a retired
/// override hands its code back to the global master. The row stays (its obligations and audit history refer to it;
/// the application role may not delete masters), and saving the code again puts it back in force. Admins only;
/// audited with before and after. A global master, or another tenant's, is not found. Retiring twice changes nothing.
/// </summary>
public sealed class RetireCustomMasterHandler(ComplianceDbFactory dbs, AuditLog audit)
{
    public async Task<CommandResult<ComplianceMaster>> HandleAsync(CommandContext ctx, RetireCustomMasterCommand cmd, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "retire compliance masters", ct) is { } denied)
        {
            return denied;
        }

        var master = await db.ComplianceMasters.SingleOrDefaultAsync(m => m.Id == cmd.MasterId && m.TenantId == ctx.TenantId, ct);
        if (master is null)
        {
            return new NotFoundError("Custom compliance master", cmd.MasterId.ToString());
        }

        if (!master.IsActive)
        {
            return master;
        }

        var before = MasterSnapshot.Of(master);
        master.IsActive = false;
        await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.MasterRetired, "ComplianceMaster", master.Code, before, MasterSnapshot.Of(master)), ct);
        await tx.CommitAsync(ct);
        return master;
    }
}
