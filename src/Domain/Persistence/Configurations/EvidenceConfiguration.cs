using ComplianceOs.Domain.EvidenceVault;
using ComplianceOs.Domain.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> b)
    {
        b.ToTable("evidence", t =>
        {
            t.HasCheckConstraint("ck_evidence_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
            t.HasCheckConstraint("ck_evidence_size", "size_bytes > 0");
            t.HasCheckConstraint("ck_evidence_version", "version >= 1");
        });
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.InstanceId, x.EvidenceKind, x.Version }).IsUnique();
        b.HasIndex(x => x.StorageKey).IsUnique();
        b.Property(x => x.EvidenceKind).HasMaxLength(64);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(128);
        b.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.StorageKey).HasMaxLength(1024);
        b.Property(x => x.ApprovalStatus).HasConversion<string>().HasMaxLength(16);
        b.HasOne<ComplianceInstance>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.InstanceId }).HasPrincipalKey(i => new { i.TenantId, i.Id })
            .OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Evidence>().WithMany().HasForeignKey(x => x.ParentEvidenceId).OnDelete(DeleteBehavior.Restrict);
    }
}
