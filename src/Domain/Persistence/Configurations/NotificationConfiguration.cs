using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.HasKey(x => x.Id);

        // Exactly once per (instance, stage, recipient, cycle): writers insert ON CONFLICT DO NOTHING. A digest has no
        // instance; NULLS NOT DISTINCT keeps it to one per recipient and day all the same.
        b.HasIndex(x => new { x.InstanceId, x.Stage, x.RecipientUserId, x.Cycle }).IsUnique().AreNullsDistinct(false);
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.Property(x => x.Stage).HasMaxLength(32);
        b.Property(x => x.Cycle).HasMaxLength(64);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.FailedChannels).HasColumnType("text[]").HasDefaultValueSql("'{}'::text[]");
        b.Property(x => x.LastError).HasMaxLength(2000);
        b.Property(x => x.DeliveredServiceUrl).HasMaxLength(500);
        b.Property(x => x.DeliveredConversationId).HasMaxLength(500);
        b.Property(x => x.DeliveredActivityId).HasMaxLength(200);
        b.HasOne<ComplianceInstance>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.InstanceId }).HasPrincipalKey(i => new { i.TenantId, i.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReminderSettingsConfiguration : IEntityTypeConfiguration<Notifications.Reminders.ReminderSettings>
{
    public void Configure(EntityTypeBuilder<Notifications.Reminders.ReminderSettings> b)
    {
        b.ToTable("reminder_settings");
        b.HasKey(x => x.TenantId);
        b.Property(x => x.StagesJson).HasColumnName("stages").HasColumnType("jsonb");
        b.Ignore(x => x.Stages);
        b.HasOne<Tenancy.Tenant>().WithOne().HasForeignKey<Notifications.Reminders.ReminderSettings>(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
