using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities.Identifiers;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Entities.CreateLegalEntity;

public sealed record GstinInput(string Gstin, string Regime);

/// <summary>Input as a person or a form gives it: enums and states as text, identifiers in any case.</summary>
public sealed record CreateLegalEntityCommand(
    string Name,
    string Kind,
    string State,
    string Pan,
    string? Cin = null,
    string? Llpin = null,
    string? Tan = null,
    IReadOnlyList<GstinInput>? Gstins = null,
    bool PfApplicable = false,
    bool EsiApplicable = false,
    IReadOnlyList<string>? ProfessionalTaxStates = null,
    bool TaxAuditApplicable = false,
    bool TransferPricingApplicable = false,
    bool HasDepositsOrOutstandingLoans = false,
    bool HasMsmePayables = false,
    decimal? AnnualTurnoverCrore = null,
    int FinancialYearEndMonth = 3,
    Guid? EscalationContactUserId = null,
    Guid? DirectorUserId = null,
    Guid? Id = null);

/// <summary>Creates a legal entity after checking every identifier; admins only. All or nothing, audited.</summary>
public sealed class CreateLegalEntityHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["pk_legal_entities"] = "id",
        ["ix_legal_entities_tenant_id_name"] = "name",
        ["ix_gst_registrations_tenant_id_gstin"] = "gstins",
        ["fk_legal_entities_users_tenant_id_escalation_contact_user_id"] = "escalationContactUserId",
        ["fk_legal_entities_users_tenant_id_director_user_id"] = "directorUserId",
    };

    public async Task<CommandResult<LegalEntity>> HandleAsync(CommandContext ctx, CreateLegalEntityCommand cmd, CancellationToken ct = default)
    {
        var v = new Validation();
        var entity = Build(cmd, ctx.TenantId, v);
        if (v.HasErrors)
        {
            return CommandResult<LegalEntity>.Failure(v.Errors);
        }

        entity.CreatedAt = Instant.FromDateTimeOffset(clock.GetUtcNow());

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "create legal entities", ct) is { } denied)
        {
            return denied;
        }

        await CheckPersonAsync(db, "escalationContactUserId", cmd.EscalationContactUserId, v, ct);
        await CheckPersonAsync(db, "directorUserId", cmd.DirectorUserId, v, ct);
        if (v.HasErrors)
        {
            return CommandResult<LegalEntity>.Failure(v.Errors);
        }

        db.LegalEntities.Add(entity);
        try
        {
            await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.LegalEntityCreated, "LegalEntity", entity.Id.ToString(), null, LegalEntitySnapshot.Of(entity)), ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return entity;
    }

    internal static LegalEntity Build(CreateLegalEntityCommand cmd, Guid tenantId, Validation v)
    {
        v.Required("name", cmd.Name, 200);
        v.TryParseEnum<EntityKind>("kind", cmd.Kind, out var kind);
        var kindKnown = !v.Errors.Any(e => e is ValidationError { Field: "kind" });
        if (!IndianStates.TryResolve(cmd.State, out var stateCode))
        {
            v.Add("state", $"'{cmd.State}' is not an Indian state or GST state code");
        }

        var pan = IdentifierRules.Normalize(cmd.Pan);
        var panProblem = IdentifierRules.CheckPan(pan);
        v.Check("pan", panProblem);
        if (panProblem is null && kindKnown && pan[3] != IdentifierRules.ExpectedPanHolderType(kind))
        {
            v.Add("pan", $"'{pan}' has holder type '{pan[3]}', but a {kind} entity's PAN has '{IdentifierRules.ExpectedPanHolderType(kind)}'");
        }

        var cin = string.IsNullOrWhiteSpace(cmd.Cin) ? null : IdentifierRules.Normalize(cmd.Cin);
        var llpin = string.IsNullOrWhiteSpace(cmd.Llpin) ? null : IdentifierRules.Normalize(cmd.Llpin);
        var tan = string.IsNullOrWhiteSpace(cmd.Tan) ? null : IdentifierRules.Normalize(cmd.Tan);
        if (cin is not null)
        {
            v.Check("cin", IdentifierRules.CheckCin(cin));
            if (kindKnown && kind is not (EntityKind.PrivateLimited or EntityKind.PublicLimited))
            {
                v.Add("cin", $"only companies have a CIN; a {kind} does not");
            }
        }

        if (llpin is not null)
        {
            v.Check("llpin", IdentifierRules.CheckLlpin(llpin));
            if (kindKnown && kind != EntityKind.Llp)
            {
                v.Add("llpin", $"only an LLP has an LLPIN; a {kind} does not");
            }
        }

        if (tan is not null)
        {
            v.Check("tan", IdentifierRules.CheckTan(tan));
        }

        if (cmd.AnnualTurnoverCrore is < 0 or > 1_000_000)
        {
            v.Add("annualTurnoverCrore", $"{cmd.AnnualTurnoverCrore} is not a turnover in crore rupees (0 to 10,00,000)");
        }

        if (cmd.FinancialYearEndMonth is < 1 or > 12)
        {
            v.Add("financialYearEndMonth", $"{cmd.FinancialYearEndMonth} is not a month (1–12)");
        }

        var entity = new LegalEntity
        {
            Id = cmd.Id ?? Guid.CreateVersion7(),
            TenantId = tenantId,
            Name = cmd.Name?.Trim() ?? string.Empty,
            Kind = kind,
            StateCode = stateCode,
            Pan = pan,
            Cin = cin,
            Llpin = llpin,
            Tan = tan,
            PfApplicable = cmd.PfApplicable,
            EsiApplicable = cmd.EsiApplicable,
            TaxAuditApplicable = cmd.TaxAuditApplicable,
            TransferPricingApplicable = cmd.TransferPricingApplicable,
            HasDepositsOrOutstandingLoans = cmd.HasDepositsOrOutstandingLoans,
            HasMsmePayables = cmd.HasMsmePayables,
            AnnualTurnoverCrore = cmd.AnnualTurnoverCrore,
            FinancialYearEndMonth = cmd.FinancialYearEndMonth,
            EscalationContactUserId = cmd.EscalationContactUserId,
            DirectorUserId = cmd.DirectorUserId,
        };

        var ptStates = cmd.ProfessionalTaxStates ?? [];
        for (var i = 0; i < ptStates.Count; i++)
        {
            if (IndianStates.TryResolve(ptStates[i], out var pt))
            {
                if (!entity.ProfessionalTaxStates.Contains(pt))
                {
                    entity.ProfessionalTaxStates.Add(pt);
                }
            }
            else
            {
                v.Add($"professionalTaxStates[{i}]", $"'{ptStates[i]}' is not an Indian state or GST state code");
            }
        }

        var gstins = cmd.Gstins ?? [];
        for (var i = 0; i < gstins.Count; i++)
        {
            var field = $"gstins[{i}]";
            var gstin = IdentifierRules.Normalize(gstins[i].Gstin);
            var problem = IdentifierRules.CheckGstin(gstin);
            v.Check($"{field}.gstin", problem);
            if (problem is null && panProblem is null && gstin.Substring(2, 10) != pan)
            {
                v.Add($"{field}.gstin", $"'{gstin}' carries PAN {gstin.Substring(2, 10)}, not the entity's PAN {pan}");
            }

            if (entity.GstRegistrations.Any(g => g.Gstin == gstin))
            {
                v.Add($"{field}.gstin", $"'{gstin}' is listed twice");
            }

            v.TryParseEnum<GstRegime>($"{field}.regime", gstins[i].Regime, out var regime);
            entity.GstRegistrations.Add(new GstRegistration
            {
                Id = Guid.CreateVersion7(),
                TenantId = tenantId,
                EntityId = entity.Id,
                Gstin = gstin,
                StateCode = gstin.Length >= 2 ? gstin[..2] : gstin,
                Regime = regime,
            });
        }

        return entity;
    }

    private static async Task CheckPersonAsync(ComplianceDb db, string field, Guid? userId, Validation v, CancellationToken ct)
    {
        if (userId is { } id && !await db.Users.AnyAsync(u => u.Id == id && u.IsActive, ct))
        {
            v.Add(field, $"user '{id}' is not an active user of this tenant");
        }
    }
}
