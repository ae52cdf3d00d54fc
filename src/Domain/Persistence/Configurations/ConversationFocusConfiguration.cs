using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class ConversationFocusConfiguration : IEntityTypeConfiguration<ConversationFocus>
{
    public void Configure(EntityTypeBuilder<ConversationFocus> b)
    {
        b.ToTable("conversation_focus");
        b.HasKey(x => new { x.TenantId, x.UserId });
        b.Property(x => x.EvidenceKind).HasMaxLength(64);
        b.HasOne<User>().WithMany().HasForeignKey(x => new { x.TenantId, x.UserId }).HasPrincipalKey(u => new { u.TenantId, u.Id }).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ComplianceInstance>().WithMany().HasForeignKey(x => new { x.TenantId, x.InstanceId }).HasPrincipalKey(i => new { i.TenantId, i.Id }).OnDelete(DeleteBehavior.Cascade);
    }
}
