using ComplianceOs.BotHost.Slack.Workspaces;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Channels.Slack;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.BotHost.Slack.Install;

/// <summary>
/// <c>app_uninstalled</c> / <c>tokens_revoked</c>: the workspace's stored bot token is dead, so it is deleted (audited,
/// without the token) and forgotten by the workspace cache. The binding to the tenant stays: a reinstall through a new
/// install link restores the token, and the audit trail keeps naming the workspace. Demo workspaces, whose tokens
/// come from configuration, have nothing stored to delete.
/// </summary>
public sealed partial class ForgetSlackInstall(ComplianceDbFactory dbs, SlackIdentityResolver identities, SlackWorkspaces workspaces, AuditLog audit, ILogger<ForgetSlackInstall> logger)
{
    public async Task HandleAsync(string teamId, string eventId, CancellationToken ct)
    {
        var team = teamId.Trim().ToUpperInvariant();
        workspaces.Forget(team);
        if (await identities.TenantOfAsync(team, ct) is not { } tenantId)
        {
            return;
        }

        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var installation = await db.SlackInstallations.SingleOrDefaultAsync(i => i.TeamId == team, ct);
        if (installation is null)
        {
            return;
        }

        var before = new Dictionary<string, object?>
        {
            ["teamId"] = installation.TeamId,
            ["teamName"] = installation.TeamName,
            ["botUserId"] = installation.BotUserId,
            ["scopes"] = installation.Scopes,
            ["installedAt"] = installation.InstalledAt.ToString(),
        };
        db.SlackInstallations.Remove(installation);
        await audit.AppendAsync(
            db, tenantId, Actor.System("slack"), Channel.Slack, eventId,
            new AuditRecord(AuditAction.SlackWorkspaceUninstalled, nameof(SlackInstallation), team, before, null), ct);
        await tx.CommitAsync(ct);
        workspaces.Forget(team);
        LogForgotten(logger, team);
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "Slack workspace {TeamId} uninstalled the app or revoked its token: stored token deleted")]
    private static partial void LogForgotten(ILogger logger, string teamId);
}
