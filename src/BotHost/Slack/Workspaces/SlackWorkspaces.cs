using System.Collections.Concurrent;
using ComplianceOs.BotHost.Slack.Api;
using ComplianceOs.Domain.Channels.Slack;
using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Slack.Workspaces;

/// <summary>A connected workspace: our tenant, and the token the bot speaks with there.</summary>
public sealed record SlackWorkspace(string TeamId, Guid TenantId, string BotToken, string? BotUserId);

/// <summary>
/// Which tenant a workspace belongs to and which bot token to use there: a demo workspace's token from configuration,
/// else the token its OAuth install stored (decrypted only here). Remembered for a minute; a workspace bound to no
/// tenant, or with no token, is not connected.
/// </summary>
public sealed class SlackWorkspaces(
    SlackIdentityResolver identities,
    IOptions<SlackOptions> options,
    Install.SlackInstalledTokens installed,
    SlackApiClient slack,
    TimeProvider clock)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (SlackWorkspace? Workspace, DateTimeOffset Until)> _known = new(StringComparer.OrdinalIgnoreCase);

    public async Task<SlackWorkspace?> FindAsync(string teamId, CancellationToken ct = default)
    {
        var team = teamId.Trim().ToUpperInvariant();
        var now = clock.GetUtcNow();
        if (_known.TryGetValue(team, out var known) && known.Until > now)
        {
            return known.Workspace;
        }

        var workspace = await LookUpAsync(team, ct);
        _known[team] = (workspace, now + CacheFor);
        return workspace;
    }

    /// <summary>Forgets a workspace (after an install or uninstall), so the next lookup reads it afresh.</summary>
    public void Forget(string teamId) => _known.TryRemove(teamId.Trim().ToUpperInvariant(), out _);

    private async Task<SlackWorkspace?> LookUpAsync(string team, CancellationToken ct)
    {
        if (await identities.TenantOfAsync(team, ct) is not { } tenantId)
        {
            return null;
        }

        if (options.Value.DemoWorkspaces.TryGetValue(team, out var demo) && !string.IsNullOrWhiteSpace(demo.BotToken))
        {
            var botUser = string.IsNullOrWhiteSpace(demo.BotUserId) ? await BotUserOfAsync(demo.BotToken, ct) : demo.BotUserId;
            return new SlackWorkspace(team, tenantId, demo.BotToken, botUser);
        }

        return await installed.FindAsync(tenantId, team, ct) is { } token
            ? new SlackWorkspace(team, tenantId, token.BotToken, token.BotUserId)
            : null;
    }

    private async Task<string?> BotUserOfAsync(string token, CancellationToken ct)
    {
        var me = await slack.AuthTestAsync(token, ct);
        return me.Ok ? me.Value.UserId : null;
    }
}
