using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities.CreateLegalEntity;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Entities.UpdateLegalEntity;

/// <param name="Stamp">The <see cref="UpdateLegalEntityHandler.StampOf"/> of the entity the edit started from.</param>
/// <param name="Details">The entity as it should be, checked by the same rules as a new one (its Id is ignored).</param>
/// <param name="IsActive">False retires the entity: no new obligations are generated for it; its history stays.</param>
public sealed record UpdateLegalEntityCommand(Guid EntityId, string Stamp, CreateLegalEntityCommand Details, bool IsActive = true);

/// <summary>
/// Edits a legal entity — identifiers, GSTINs, flags, contacts, active — after the same checks as creating one;
/// admins only. Refused as stale when the entity changed since the editor's copy. All or nothing, audited with the
/// before and after; an edit that changes nothing writes nothing.
/// </summary>
public sealed class UpdateLegalEntityHandler(ComplianceDbFactory dbs, AuditLog audit)
{
    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["ix_legal_entities_tenant_id_name"] = "name",
        ["ix_gst_registrations_tenant_id_gstin"] = "gstins",
        ["fk_legal_entities_users_tenant_id_escalation_contact_user_id"] = "escalationContactUserId",
        ["fk_legal_entities_users_tenant_id_director_user_id"] = "directorUserId",
    };

    /// <summary>The stamp of an entity as loaded with its GST registrations.</summary>
    public static string StampOf(LegalEntity entity) => EditStamp.Of(LegalEntitySnapshot.Of(entity));

    public async Task<CommandResult<LegalEntity>> HandleAsync(CommandContext ctx, UpdateLegalEntityCommand cmd, CancellationToken ct = default)
    {
        var v = new Validation();
        var wanted = CreateLegalEntityHandler.Build(cmd.Details with { Id = cmd.EntityId }, ctx.TenantId, v);
        if (v.HasErrors)
        {
            return CommandResult<LegalEntity>.Failure(v.Errors);
        }

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "edit legal entities", ct) is { } denied)
        {
            return denied;
        }

        // Held to the commit, so a concurrent edit waits and then sees this one's stamp, not the one it read.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM legal_entities WHERE id = {cmd.EntityId} FOR UPDATE", ct);
        var entity = await db.LegalEntities.Include(e => e.GstRegistrations).SingleOrDefaultAsync(e => e.Id == cmd.EntityId, ct);
        if (entity is null)
        {
            return new NotFoundError("Legal entity", cmd.EntityId.ToString());
        }

        if (StampOf(entity) != cmd.Stamp)
        {
            return new StaleError($"{entity.Name} was changed by someone else since this form was opened; reload it to see their change.");
        }

        // A contact kept as it was stays valid even if that person has since left; only a new choice is checked.
        await CheckPersonAsync(db, "escalationContactUserId", wanted.EscalationContactUserId, entity.EscalationContactUserId, v, ct);
        await CheckPersonAsync(db, "directorUserId", wanted.DirectorUserId, entity.DirectorUserId, v, ct);
        await CheckGstinsFreeAsync(db, entity.Id, wanted, v, ct);
        if (v.HasErrors)
        {
            return CommandResult<LegalEntity>.Failure(v.Errors);
        }

        var before = LegalEntitySnapshot.Of(entity);
        Apply(db, entity, wanted, cmd.IsActive);
        var after = LegalEntitySnapshot.Of(entity);
        if (AuditSnapshot.Serialize(before) == AuditSnapshot.Serialize(after))
        {
            return entity;
        }

        try
        {
            await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.LegalEntityUpdated, "LegalEntity", entity.Id.ToString(), before, after), ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return entity;
    }

    private static void Apply(ComplianceDb db, LegalEntity entity, LegalEntity wanted, bool isActive)
    {
        entity.Name = wanted.Name;
        entity.Kind = wanted.Kind;
        entity.StateCode = wanted.StateCode;
        entity.Pan = wanted.Pan;
        entity.Cin = wanted.Cin;
        entity.Llpin = wanted.Llpin;
        entity.Tan = wanted.Tan;
        entity.PfApplicable = wanted.PfApplicable;
        entity.EsiApplicable = wanted.EsiApplicable;
        entity.ProfessionalTaxStates = wanted.ProfessionalTaxStates;
        entity.TaxAuditApplicable = wanted.TaxAuditApplicable;
        entity.TransferPricingApplicable = wanted.TransferPricingApplicable;
        entity.HasDepositsOrOutstandingLoans = wanted.HasDepositsOrOutstandingLoans;
        entity.HasMsmePayables = wanted.HasMsmePayables;
        entity.AnnualTurnoverCrore = wanted.AnnualTurnoverCrore;
        entity.FinancialYearEndMonth = wanted.FinancialYearEndMonth;
        entity.EscalationContactUserId = wanted.EscalationContactUserId;
        entity.DirectorUserId = wanted.DirectorUserId;
        entity.IsActive = isActive;

        // A GSTIN kept keeps its row (only its regime may change); one dropped is deleted, one added is inserted.
        foreach (var gone in entity.GstRegistrations.Where(g => wanted.GstRegistrations.All(w => w.Gstin != g.Gstin)).ToList())
        {
            db.GstRegistrations.Remove(gone);
            entity.GstRegistrations.Remove(gone);
        }

        foreach (var w in wanted.GstRegistrations)
        {
            if (entity.GstRegistrations.SingleOrDefault(g => g.Gstin == w.Gstin) is { } kept)
            {
                kept.Regime = w.Regime;
            }
            else
            {
                // Added to the set (which also puts it in the navigation): found only through the navigation, a
                // row whose key is already set would be taken for an existing one and updated.
                db.GstRegistrations.Add(w);
            }
        }
    }

    private static async Task CheckPersonAsync(ComplianceDb db, string field, Guid? wanted, Guid? current, Validation v, CancellationToken ct)
    {
        if (wanted is { } id && wanted != current && !await db.Users.AnyAsync(u => u.Id == id && u.IsActive, ct))
        {
            v.Add(field, $"user '{id}' is not an active user of this tenant");
        }
    }

    // Names the row for the person editing; the unique index still decides if two edits race.
    private static async Task CheckGstinsFreeAsync(ComplianceDb db, Guid entityId, LegalEntity wanted, Validation v, CancellationToken ct)
    {
        var gstins = wanted.GstRegistrations.Select(g => g.Gstin).ToList();
        var taken = await db.GstRegistrations.Where(g => gstins.Contains(g.Gstin) && g.EntityId != entityId)
            .Join(db.LegalEntities, g => g.EntityId, e => e.Id, (g, e) => new { g.Gstin, e.Name })
            .ToListAsync(ct);
        for (var i = 0; i < gstins.Count; i++)
        {
            if (taken.FirstOrDefault(t => t.Gstin == gstins[i]) is { } other)
            {
                v.Add($"gstins[{i}].gstin", $"'{gstins[i]}' is already registered to {other.Name}");
            }
        }
    }
}
