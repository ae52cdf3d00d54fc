using System.Text.RegularExpressions;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Tenancy.CreateTenant;

/// <param name="Id">Optional caller-chosen id; a retry with the same id is refused as a conflict, never duplicated.</param>
public sealed record CreateTenantCommand(
    string Name,
    string? TimeZone = null,
    IReadOnlyList<string>? TeamsTenantIds = null,
    IReadOnlyList<string>? SlackTeamIds = null,
    Guid? Id = null);

/// <summary>Creates a tenant with its Teams and Slack bindings. Platform operators and the system only.</summary>
public sealed partial class CreateTenantHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    private static readonly Dictionary<string, string> ConstraintFields = new()
    {
        ["pk_tenants"] = "id",
        ["ix_tenants_name"] = "name",
        ["pk_teams_tenant_bindings"] = "teamsTenantIds",
        ["pk_slack_workspace_bindings"] = "slackTeamIds",
    };

    public async Task<CommandResult<Tenant>> HandleAsync(PlatformContext ctx, CreateTenantCommand cmd, CancellationToken ct = default)
    {
        if (ctx.Actor.Kind == ActorKind.User)
        {
            return new ForbiddenError("Only a platform operator can create tenants.");
        }

        var v = new Validation();
        v.Required("name", cmd.Name, 200);
        var timeZone = string.IsNullOrWhiteSpace(cmd.TimeZone) ? Tenant.DefaultTimeZone : cmd.TimeZone.Trim();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is null)
        {
            v.Add("timeZone", $"'{timeZone}' is not an IANA time zone (e.g. Asia/Kolkata)");
        }

        var teamsIds = (cmd.TeamsTenantIds ?? []).Select(t => t.Trim().ToLowerInvariant()).ToList();
        for (var i = 0; i < teamsIds.Count; i++)
        {
            if (!Guid.TryParseExact(teamsIds[i], "D", out _))
            {
                v.Add($"teamsTenantIds[{i}]", $"'{teamsIds[i]}' is not a Microsoft Entra tenant id (a GUID)");
            }
        }

        var slackIds = (cmd.SlackTeamIds ?? []).Select(t => t.Trim().ToUpperInvariant()).ToList();
        for (var i = 0; i < slackIds.Count; i++)
        {
            if (!SlackTeamId().IsMatch(slackIds[i]))
            {
                v.Add($"slackTeamIds[{i}]", $"'{slackIds[i]}' is not a Slack team id (T followed by letters and digits)");
            }
        }

        if (teamsIds.Distinct().Count() != teamsIds.Count)
        {
            v.Add("teamsTenantIds", "lists the same id twice");
        }

        if (slackIds.Distinct().Count() != slackIds.Count)
        {
            v.Add("slackTeamIds", "lists the same id twice");
        }

        if (v.HasErrors)
        {
            return CommandResult<Tenant>.Failure(v.Errors);
        }

        var tenant = new Tenant
        {
            Id = cmd.Id ?? Guid.CreateVersion7(),
            Name = cmd.Name.Trim(),
            TimeZone = timeZone,
            CreatedAt = Instant.FromDateTimeOffset(clock.GetUtcNow()),
        };
        tenant.TeamsTenants.AddRange(teamsIds.Select(id => new TeamsTenantBinding { TeamsTenantId = id, TenantId = tenant.Id }));
        tenant.SlackWorkspaces.AddRange(slackIds.Select(id => new SlackWorkspaceBinding { SlackTeamId = id, TenantId = tenant.Id }));

        await using var db = dbs.ForPlatformWithinTenant(tenant.Id);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Tenants.Add(tenant);
        try
        {
            var snapshot = new { tenant.Id, tenant.Name, tenant.TimeZone, tenant.IsActive, TeamsTenantIds = teamsIds, SlackTeamIds = slackIds };
            var record = new AuditRecord(AuditAction.TenantCreated, "Tenant", tenant.Id.ToString(), null, snapshot);
            await audit.AppendAsync(db, tenant.Id, ctx.Actor, ctx.Channel, ctx.CorrelationId, record, ct);
            await audit.AppendAsync(db, AuditLog.PlatformChain, ctx.Actor, ctx.Channel, ctx.CorrelationId, record, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DbConflicts.TryMap(ex, ConstraintFields, out var error))
        {
            return error;
        }

        return tenant;
    }

    [GeneratedRegex("^T[A-Z0-9]{2,20}$")]
    private static partial Regex SlackTeamId();
}
