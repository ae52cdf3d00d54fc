using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.BotHost.Slack.Install;

/// <summary>An installed workspace's bot credentials. <see cref="BotToken"/> is a secret: never logged.</summary>
public sealed record SlackInstalledToken(string BotToken, string BotUserId, string? BotId)
{
    /// <summary>The record's text leaves the token out, so logging it cannot leak it.</summary>
    public override string ToString() => $"SlackInstalledToken {{ BotUserId = {BotUserId}, BotId = {BotId} }}";
}

/// <summary>
/// Reads a workspace's bot token for the rest of the app: the installation row under the tenant's scope (so another
/// tenant's workspace is never found), decrypted with <see cref="SlackTokenProtector"/>.
/// </summary>
public sealed partial class SlackInstalledTokens(ComplianceDbFactory dbs, SlackTokenProtector protector, ILogger<SlackInstalledTokens> logger)
{
    /// <returns>The credentials, or null when the workspace is not installed for the tenant or its token cannot be decrypted (logged).</returns>
    public async Task<SlackInstalledToken?> FindAsync(Guid tenantId, string teamId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(teamId))
        {
            return null;
        }

        var team = teamId.Trim().ToUpperInvariant();
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.SlackInstallations.AsNoTracking()
            .Where(i => i.TeamId == team)
            .Select(i => new { i.EncryptedBotToken, i.BotUserId, i.BotId })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        if (protector.Unprotect(row.EncryptedBotToken) is not { } token)
        {
            LogUndecryptable(logger, tenantId, team);
            return null;
        }

        return new SlackInstalledToken(token, row.BotUserId, row.BotId);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored bot token of Slack workspace {TeamId} (tenant {TenantId}) cannot be decrypted: the key ring or its protection key changed. Reinstall the app in that workspace.")]
    private static partial void LogUndecryptable(ILogger logger, Guid tenantId, string teamId);
}
