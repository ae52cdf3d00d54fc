using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Channels.Slack;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ComplianceOs.BotHost.Slack.Install;

/// <param name="IssuedBy">The admin who asked for the link (recorded on the link and in the audit entry).</param>
public sealed record IssueSlackInstallLinkCommand(string IssuedBy);

/// <summary>An issued link: its id, the URL to hand to the workspace admin, and when it stops working.</summary>
public sealed record SlackInstallLinkIssued(Guid LinkId, string Url, Instant ExpiresAt);

/// <summary>
/// Issues a single-use install link for the context's tenant, valid for <see cref="Lifetime"/>: inserts the
/// <see cref="SlackInstallLink"/> and audits <see cref="AuditAction.SlackInstallLinkIssued"/> in one transaction,
/// and returns <c>{PublicBaseUrl}/slack/install?link={token}</c>, the token being the tenant and link ids under a
/// time-limited Data Protection protector. It lives in BotHost, not Domain: the token and the URL need Data
/// Protection and the host's public address, which Domain knows nothing of.
/// </summary>
public sealed class IssueSlackInstallLinkHandler(
    ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock, SlackInstallTokens tokens, IOptions<SlackOptions> options)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task<CommandResult<SlackInstallLinkIssued>> HandleAsync(CommandContext ctx, IssueSlackInstallLinkCommand cmd, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(cmd);
        var slack = options.Value;
        if (string.IsNullOrWhiteSpace(slack.ClientId) || string.IsNullOrWhiteSpace(slack.PublicBaseUrl))
        {
            return new SlackInstallsDisabledError();
        }

        var v = new Validation();
        v.Required("issuedBy", cmd.IssuedBy, 200);
        if (v.HasErrors)
        {
            return CommandResult<SlackInstallLinkIssued>.Failure(v.Errors);
        }

        var now = clock.GetUtcNow();
        var link = new SlackInstallLink
        {
            Id = Guid.CreateVersion7(now),
            TenantId = ctx.TenantId,
            IssuedBy = cmd.IssuedBy.Trim(),
            IssuedAt = Instant.FromDateTimeOffset(now),
            ExpiresAt = Instant.FromDateTimeOffset(now + Lifetime),
        };

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tenant = await db.Tenants.Select(t => new { t.IsActive }).SingleOrDefaultAsync(ct);
        if (tenant is null)
        {
            return new NotFoundError("Tenant", ctx.TenantId.ToString());
        }

        if (!tenant.IsActive)
        {
            return new ForbiddenError("The tenant is deactivated; it cannot connect a Slack workspace.");
        }

        db.SlackInstallLinks.Add(link);
        await audit.AppendAsync(
            db, ctx,
            new AuditRecord(AuditAction.SlackInstallLinkIssued, nameof(SlackInstallLink), link.Id.ToString(), null,
                new { link.Id, link.IssuedBy, link.IssuedAt, link.ExpiresAt }),
            ct);
        await tx.CommitAsync(ct);

        var token = tokens.ProtectLink(new SlackInstallLinkToken(ctx.TenantId, link.Id), link.ExpiresAt.ToDateTimeOffset());
        var url = $"{slack.PublicBaseUrl.TrimEnd('/')}{SlackInstallEndpoints.InstallPath}?link={Uri.EscapeDataString(token)}";
        return new SlackInstallLinkIssued(link.Id, url, link.ExpiresAt);
    }
}
