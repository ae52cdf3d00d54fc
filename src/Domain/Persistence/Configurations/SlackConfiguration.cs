using ComplianceOs.Domain.Channels.Slack;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class SlackInboxItemConfiguration : IEntityTypeConfiguration<SlackInboxItem>
{
    public void Configure(EntityTypeBuilder<SlackInboxItem> b)
    {
        b.ToTable("slack_inbox");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.TeamId).HasMaxLength(32);
        b.Property(x => x.Payload).HasColumnType("text");
        b.Property(x => x.LastError).HasMaxLength(500);
        b.HasIndex(x => x.ReceivedAt).HasFilter("processed_at IS NULL").HasDatabaseName("ix_slack_inbox_waiting");
        b.HasIndex(x => x.ProcessedAt);
    }
}

internal sealed class SlackInstallationConfiguration : IEntityTypeConfiguration<SlackInstallation>
{
    public void Configure(EntityTypeBuilder<SlackInstallation> b)
    {
        b.ToTable("slack_installations");
        b.HasKey(x => x.TeamId);
        b.Property(x => x.TeamId).HasMaxLength(32);
        b.Property(x => x.TeamName).HasMaxLength(200);
        b.Property(x => x.EnterpriseId).HasMaxLength(32);
        b.Property(x => x.BotUserId).HasMaxLength(32);
        b.Property(x => x.BotId).HasMaxLength(32);
        b.Property(x => x.AppId).HasMaxLength(32);
        b.Property(x => x.EncryptedBotToken).HasMaxLength(4000);
        b.Property(x => x.Scopes).HasMaxLength(1000);
        b.Property(x => x.InstalledBySlackUserId).HasMaxLength(32);
        b.HasIndex(x => x.TenantId);
        b.HasOne<Tenancy.SlackWorkspaceBinding>().WithOne().HasForeignKey<SlackInstallation>(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SlackInstallLinkConfiguration : IEntityTypeConfiguration<SlackInstallLink>
{
    public void Configure(EntityTypeBuilder<SlackInstallLink> b)
    {
        b.ToTable("slack_install_links");
        b.HasKey(x => x.Id);
        b.Property(x => x.IssuedBy).HasMaxLength(200);
        b.Property(x => x.UsedForTeamId).HasMaxLength(32);
        b.HasIndex(x => x.TenantId);
    }
}
