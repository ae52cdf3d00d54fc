using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Channels.Slack.Install;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace ComplianceOs.Domain.Channels.Slack.IssueInstallLink;

/// <param name="IssuedBy">Who asked for the link (recorded on the link and in the audit entry).</param>
public sealed record IssueSlackInstallLinkCommand(string IssuedBy);

/// <summary>An issued link: its id, the URL to hand to the workspace admin, and when it stops working.</summary>
public sealed record SlackInstallLinkIssued(Guid LinkId, string Url, Instant ExpiresAt);

/// <summary>
/// Issues a single-use install link for one tenant, valid for <see cref="Lifetime"/>: inserts the
/// <see cref="SlackInstallLink"/> and audits <see cref="AuditAction.SlackInstallLinkIssued"/> in one transaction,
/// and returns <c>{PublicBaseUrl}/slack/install?link={token}</c>, the token being the tenant and link ids under a
/// time-limited Data Protection protector (<see cref="SlackInstallTokens"/>). A tenant's own request is audited in
/// its chain; an operator's in the tenant's chain and the platform's. A deactivated or unknown tenant gets no link.
/// </summary>
public sealed class IssueSlackInstallLinkHandler(
    ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock, SlackInstallTokens tokens, IOptions<SlackInstallLinkOptions> options)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A link asked for within the tenant (its admin, or the CLI naming the tenant).</summary>
    public Task<CommandResult<SlackInstallLinkIssued>> HandleAsync(CommandContext ctx, IssueSlackInstallLinkCommand cmd, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return IssueAsync(ctx.TenantId, ctx.Actor, ctx.Channel, ctx.CorrelationId, platform: false, cmd, ct);
    }

    /// <summary>A link a platform operator issues for <paramref name="tenantId"/>.</summary>
    public Task<CommandResult<SlackInstallLinkIssued>> HandleAsync(PlatformContext ctx, Guid tenantId, IssueSlackInstallLinkCommand cmd, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (ctx.Actor.Kind == ActorKind.User)
        {
            return Task.FromResult<CommandResult<SlackInstallLinkIssued>>(new ForbiddenError("Only a platform operator can issue install links for a tenant."));
        }

        return IssueAsync(tenantId, ctx.Actor, ctx.Channel, ctx.CorrelationId, platform: true, cmd, ct);
    }

    private async Task<CommandResult<SlackInstallLinkIssued>> IssueAsync(
        Guid tenantId, Actor actor, Channel channel, string? correlationId, bool platform, IssueSlackInstallLinkCommand cmd, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        var slack = options.Value;
        if (!slack.InstallsEnabled || string.IsNullOrWhiteSpace(slack.PublicBaseUrl))
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
            TenantId = tenantId,
            IssuedBy = cmd.IssuedBy.Trim(),
            IssuedAt = Instant.FromDateTimeOffset(now),
            ExpiresAt = Instant.FromDateTimeOffset(now + Lifetime),
        };

        await using var db = platform ? dbs.ForPlatformWithinTenant(tenantId) : dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tenant = await db.Tenants.Where(t => t.Id == tenantId).Select(t => new { t.IsActive }).SingleOrDefaultAsync(ct);
        if (tenant is null)
        {
            return new NotFoundError("Tenant", tenantId.ToString());
        }

        if (!tenant.IsActive)
        {
            return new ForbiddenError("The tenant is deactivated; it cannot connect a Slack workspace.");
        }

        db.SlackInstallLinks.Add(link);
        var record = new AuditRecord(AuditAction.SlackInstallLinkIssued, nameof(SlackInstallLink), link.Id.ToString(), null,
            new { link.Id, link.TenantId, link.IssuedBy, link.IssuedAt, link.ExpiresAt });
        await audit.AppendAsync(db, tenantId, actor, channel, correlationId, record, ct);
        if (platform)
        {
            await audit.AppendAsync(db, AuditLog.PlatformChain, actor, channel, correlationId, record, ct);
        }

        await tx.CommitAsync(ct);

        var token = tokens.ProtectLink(new SlackInstallLinkToken(tenantId, link.Id), link.ExpiresAt.ToDateTimeOffset());
        var url = $"{slack.PublicBaseUrl.TrimEnd('/')}{SlackInstallLinkOptions.InstallPath}?link={Uri.EscapeDataString(token)}";
        return new SlackInstallLinkIssued(link.Id, url, link.ExpiresAt);
    }
}
