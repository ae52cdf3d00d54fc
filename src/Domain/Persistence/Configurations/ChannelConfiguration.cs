using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class ConversationReferenceConfiguration : IEntityTypeConfiguration<ConversationReference>
{
    public void Configure(EntityTypeBuilder<ConversationReference> b)
    {
        b.ToTable("conversation_references");
        b.HasKey(x => new { x.TenantId, x.UserId, x.Channel });
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ServiceUrl).HasMaxLength(500);
        b.Property(x => x.ConversationId).HasMaxLength(500);
        b.Property(x => x.BotId).HasMaxLength(200);
        b.Property(x => x.ChannelUserId).HasMaxLength(200);
        b.Property(x => x.ChannelTenantId).HasMaxLength(100);
        b.Property(x => x.Locale).HasMaxLength(20);
        b.Property(x => x.LastDeliveryFailure).HasMaxLength(200);
        b.HasOne<User>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.UserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InboundActivityConfiguration : IEntityTypeConfiguration<InboundActivity>
{
    public void Configure(EntityTypeBuilder<InboundActivity> b)
    {
        b.ToTable("inbound_activities");
        b.HasKey(x => new { x.TenantId, x.Channel, x.ConversationId, x.ActivityId });
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ConversationId).HasMaxLength(500);
        b.Property(x => x.ActivityId).HasMaxLength(200);
        b.HasIndex(x => x.ReceivedAt);
    }
}
