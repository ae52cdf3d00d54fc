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
            // Approved and immutable are one fact; approved proof is never removed; a decision has its decider.
            t.HasCheckConstraint("ck_evidence_approved_immutable", "(approval_status = 'Approved') = is_immutable");
            t.HasCheckConstraint("ck_evidence_removed", "removed_at IS NULL OR (approval_status <> 'Approved' AND removed_by_user_id IS NOT NULL)");
            t.HasCheckConstraint("ck_evidence_decided", "(approval_status = 'Pending') = (decided_by_user_id IS NULL)");
            t.HasCheckConstraint("ck_evidence_rejected_comment", "approval_status <> 'Rejected' OR decision_comment IS NOT NULL");
        });
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.InstanceId, x.EvidenceKind, x.Version }).IsUnique();
        b.HasIndex(x => x.StorageKey).IsUnique();

        // The same bytes once per slot: a second upload of them is told so and stores nothing (a removed one may return).
        b.HasIndex(x => new { x.InstanceId, x.EvidenceKind, x.Sha256 }).IsUnique().HasFilter("removed_at IS NULL")
            .HasDatabaseName("ux_evidence_slot_sha256");
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.DecisionComment).HasMaxLength(2000);
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
