using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Channels.Slack;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

namespace ComplianceOs.BotHost.Slack.Install;

/// <summary>
/// A workspace's successful OAuth exchange, checked by the callback: <see cref="TeamId"/> is set (org-wide installs
/// are refused before this) and <see cref="BotToken"/> is the plain bot token, which is encrypted before storage.
/// </summary>
public sealed record CompleteSlackInstallCommand(
    Guid LinkId,
    string TeamId,
    string? TeamName,
    string? EnterpriseId,
    string BotToken,
    string BotUserId,
    string? BotId,
    string AppId,
    string Scopes,
    string? InstalledBySlackUserId)
{
    /// <summary>The record's text leaves the token out, so logging a whole command cannot leak it.</summary>
    public override string ToString() =>
        $"CompleteSlackInstallCommand {{ LinkId = {LinkId}, TeamId = {TeamId}, EnterpriseId = {EnterpriseId}, BotUserId = {BotUserId}, BotId = {BotId}, AppId = {AppId} }}";
}

/// <summary>What was installed.</summary>
public sealed record SlackInstallCompleted(string TeamId, string? TeamName, bool Reinstalled);

/// <summary>
/// Records an install in ONE transaction under the link's tenant: claims the link with a conditional update (used
/// and unexpired, or zero rows and <see cref="SlackInstallLinkUnusableError"/>), binds the workspace to the tenant
/// unless it already is (another tenant's binding is a unique violation on <c>pk_slack_workspace_bindings</c>, which
/// row-level security cannot hide: <see cref="SlackWorkspaceTakenError"/>), inserts or updates the installation with
/// the token encrypted by <see cref="SlackTokenProtector"/>, and audits <see cref="AuditAction.SlackWorkspaceInstalled"/>
/// without the token. Any error writes nothing.
/// </summary>
public sealed class CompleteSlackInstallHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock, SlackTokenProtector tokens)
{
    private static readonly HashSet<string> WorkspaceKeys = ["pk_slack_workspace_bindings", "pk_slack_installations"];

    public async Task<CommandResult<SlackInstallCompleted>> HandleAsync(CommandContext ctx, CompleteSlackInstallCommand cmd, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(cmd);
        var teamId = cmd.TeamId.Trim().ToUpperInvariant();
        var v = new Validation();
        v.Required("teamId", teamId, 32);
        v.Required("botUserId", cmd.BotUserId, 32);
        v.Optional("botId", cmd.BotId, 32);
        v.Optional("appId", cmd.AppId, 32);
        v.Optional("enterpriseId", cmd.EnterpriseId, 32);
        v.Optional("scopes", cmd.Scopes, 1000);
        if (string.IsNullOrEmpty(cmd.BotToken))
        {
            v.Add("botToken", "is required");
        }

        if (v.HasErrors)
        {
            return CommandResult<SlackInstallCompleted>.Failure(v.Errors);
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // The guarantee that a link binds at most one workspace, even with two callbacks racing: the row lock of the
        // first update makes the second re-check used_at after the first commits, and find nothing to update.
        var claimed = await db.SlackInstallLinks
            .Where(l => l.Id == cmd.LinkId && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now).SetProperty(l => l.UsedForTeamId, teamId), ct);
        if (claimed == 0)
        {
            return new SlackInstallLinkUnusableError();
        }

        try
        {
            if (!await db.SlackWorkspaceBindings.AnyAsync(b => b.SlackTeamId == teamId, ct))
            {
                db.SlackWorkspaceBindings.Add(new SlackWorkspaceBinding { SlackTeamId = teamId, TenantId = ctx.TenantId });
                await db.SaveChangesAsync(ct);
            }

            var installation = await db.SlackInstallations.SingleOrDefaultAsync(i => i.TeamId == teamId, ct);
            var before = installation is null ? null : Snapshot(installation);
            if (installation is null)
            {
                installation = new SlackInstallation
                {
                    TeamId = teamId,
                    TenantId = ctx.TenantId,
                    BotUserId = cmd.BotUserId,
                    AppId = cmd.AppId,
                    EncryptedBotToken = string.Empty,
                    Scopes = cmd.Scopes,
                };
                db.SlackInstallations.Add(installation);
            }

            installation.TeamName = cmd.TeamName?.Trim() is { Length: > 0 } name ? name[..Math.Min(name.Length, 200)] : null;
            installation.EnterpriseId = cmd.EnterpriseId;
            installation.BotUserId = cmd.BotUserId;
            installation.BotId = cmd.BotId;
            installation.AppId = cmd.AppId;
            installation.EncryptedBotToken = tokens.Protect(cmd.BotToken);
            installation.Scopes = cmd.Scopes;
            installation.InstalledBySlackUserId = cmd.InstalledBySlackUserId;
            installation.InstalledAt = now;

            await audit.AppendAsync(
                db, ctx,
                new AuditRecord(AuditAction.SlackWorkspaceInstalled, nameof(SlackInstallation), teamId, before, Snapshot(installation, cmd.LinkId)),
                ct);
            await tx.CommitAsync(ct);
            return new SlackInstallCompleted(teamId, installation.TeamName, before is not null);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
                                           && pg.ConstraintName is not null && WorkspaceKeys.Contains(pg.ConstraintName))
        {
            return new SlackWorkspaceTakenError(teamId);
        }
    }

    // Never the token, not even encrypted: the audit log outlives key rotation and is read by people.
    private static object Snapshot(SlackInstallation i, Guid? linkId = null) => new
    {
        i.TeamId,
        i.TeamName,
        i.EnterpriseId,
        i.Scopes,
        i.BotUserId,
        i.BotId,
        i.AppId,
        i.InstalledBySlackUserId,
        i.InstalledAt,
        InstallLinkId = linkId,
    };
}
