using ComplianceOs.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries", t =>
        {
            t.HasCheckConstraint("ck_audit_entries_sequence", "sequence >= 1");
            t.HasCheckConstraint("ck_audit_entries_hashes", "hash ~ '^[0-9a-f]{64}$' AND previous_hash ~ '^[0-9a-f]{64}$'");
        });
        b.HasKey(x => x.Id);

        // No tenant foreign key: the trail outlives anything it describes, and the platform chain uses Guid.Empty.
        b.HasIndex(x => new { x.TenantId, x.Sequence }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.TargetType, x.TargetId });
        b.Property(x => x.ActorKind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ActorName).HasMaxLength(200);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(64);
        b.Property(x => x.TargetType).HasMaxLength(64);
        b.Property(x => x.TargetId).HasMaxLength(200);
        b.Property(x => x.Before).HasColumnType("jsonb");
        b.Property(x => x.After).HasColumnType("jsonb");
        b.Property(x => x.CorrelationId).HasMaxLength(200);
        b.Property(x => x.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.Hash).HasMaxLength(64).IsFixedLength();
    }
}
