using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class MasterConfiguration : IEntityTypeConfiguration<ComplianceMaster>
{
    public void Configure(EntityTypeBuilder<ComplianceMaster> b)
    {
        b.ToTable("compliance_masters", t =>
            t.HasCheckConstraint("ck_compliance_masters_override_is_tenant", "overrides_master_id IS NULL OR tenant_id IS NOT NULL"));
        b.HasKey(x => x.Id);
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ComplianceMaster>().WithMany().HasForeignKey(x => x.OverridesMasterId).OnDelete(DeleteBehavior.Restrict);

        // One global master per code, and one per code within a tenant (a tenant override reuses the global code).
        b.HasIndex(x => new { x.TenantId, x.Code }).IsUnique().AreNullsDistinct(false);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Authority).HasMaxLength(200);
        b.Property(x => x.Category).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Frequency).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Confidence).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.DueDateRule).HasColumnType("jsonb");
        b.Property(x => x.Applicability).HasColumnType("jsonb");
        b.Property(x => x.DependsOn).HasColumnType("text[]");
        b.Property(x => x.WorkflowSteps).HasColumnType("text[]");
        b.Property(x => x.EvidenceKinds).HasColumnType("text[]");
        b.Property(x => x.Checklist).HasColumnType("text[]");
        b.Property(x => x.LateFeeRule).HasColumnType("jsonb");
        b.Property(x => x.Sources).HasColumnType("text[]");
        b.Property(x => x.DefaultOwnerRole).HasMaxLength(16);
        b.Property(x => x.DefaultApproverRole).HasMaxLength(16);
        b.Property(x => x.RuleText).HasMaxLength(4000);
        b.Property(x => x.ConfidenceNote).HasMaxLength(1000);
    }
}

internal sealed class DueDateExtensionConfiguration : IEntityTypeConfiguration<DueDateExtension>
{
    public void Configure(EntityTypeBuilder<DueDateExtension> b)
    {
        b.ToTable("due_date_extensions");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.TenantId, x.MasterId, x.PeriodKey, x.StateScope }).IsUnique().HasDatabaseName("ux_due_date_extensions_master_period_scope");
        b.Ignore(x => x.States);
        b.Property(x => x.PeriodKey).HasMaxLength(32);
        b.Property(x => x.StateScope).HasMaxLength(200);
        b.Property(x => x.NotificationReference).HasMaxLength(200);
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ComplianceMaster>().WithMany().HasForeignKey(x => x.MasterId).OnDelete(DeleteBehavior.Restrict);
    }
}
