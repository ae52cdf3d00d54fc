using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<ComplianceInstance>
{
    public void Configure(EntityTypeBuilder<ComplianceInstance> b)
    {
        b.ToTable("compliance_instances", t =>
        {
            t.HasCheckConstraint("ck_instances_blocked_reason", "is_blocked = (blocked_reason IS NOT NULL)");
            t.HasCheckConstraint("ck_instances_filed", "status <> 'Filed' OR (filing_reference IS NOT NULL AND filed_at IS NOT NULL)");
            t.HasCheckConstraint("ck_instances_period", "period_end >= period_start");
            t.HasCheckConstraint("ck_instances_version", "version >= 1");
            t.HasCheckConstraint("ck_instances_manual_block", "manual_block_reason IS NULL OR is_blocked");
            t.HasCheckConstraint("ck_instances_extension_reference", "(extended_due_date IS NULL) = (extension_reference IS NULL)");
        });
        b.HasKey(x => x.Id);
        b.HasAlternateKey(x => new { x.TenantId, x.Id });

        // Master first, so the key also serves the master foreign key; no index on the status or flag columns,
        // and room on each page, so status and recompute updates stay heap-only (HOT) instead of touching every index.
        b.HasIndex(x => new { x.MasterId, x.EntityId, x.PeriodKey }).IsUnique().HasDatabaseName("ux_compliance_instances_master_entity_period");
        b.HasStorageParameter("fillfactor", 85);
        b.Property(x => x.PeriodKey).HasMaxLength(32);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Rag).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.BlockedReason).HasMaxLength(1000);
        b.Property(x => x.ManualBlockReason).HasMaxLength(1000);
        b.Property(x => x.AwaitingEvent).HasMaxLength(32);
        b.Property(x => x.ExtensionReference).HasMaxLength(200);
        b.Property(x => x.FilingReference).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.DueDateInForce);

        b.HasOne<LegalEntity>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.EntityId }).HasPrincipalKey(e => new { e.TenantId, e.Id })
            .OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ComplianceMaster>().WithMany().HasForeignKey(x => x.MasterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.OwnerUserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.ApproverUserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkflowTaskConfiguration : IEntityTypeConfiguration<WorkflowTask>
{
    public void Configure(EntityTypeBuilder<WorkflowTask> b)
    {
        b.ToTable("workflow_tasks");

        // The natural key is the only index: generation inserts several tasks per instance, in bulk.
        b.HasKey(x => new { x.TenantId, x.InstanceId, x.StepNumber });
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne<ComplianceInstance>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.InstanceId }).HasPrincipalKey(i => new { i.TenantId, i.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApprovalConfiguration : IEntityTypeConfiguration<Approval>
{
    public void Configure(EntityTypeBuilder<Approval> b)
    {
        b.ToTable("approvals", t =>
        {
            // Maker-checker holds in the database: nobody decides their own request.
            t.HasCheckConstraint("ck_approvals_maker_checker", "decided_by_user_id IS NULL OR decided_by_user_id <> requested_by_user_id");
            t.HasCheckConstraint("ck_approvals_decision_complete",
                "(decision IS NULL AND decided_by_user_id IS NULL AND decided_at IS NULL) OR " +
                "(decision IS NOT NULL AND decided_by_user_id IS NOT NULL AND decided_at IS NOT NULL)");
            t.HasCheckConstraint("ck_approvals_reject_has_comment", "decision IS DISTINCT FROM 'Rejected' OR comment IS NOT NULL");
            t.HasCheckConstraint("ck_approvals_cycle", "cycle >= 1");
        });
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.InstanceId, x.Cycle }).IsUnique();
        b.Property(x => x.Decision).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.HasOne<ComplianceInstance>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.InstanceId }).HasPrincipalKey(i => new { i.TenantId, i.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> b)
    {
        b.ToTable("comments");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.InstanceId, x.CreatedAt });
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        b.HasOne<ComplianceInstance>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.InstanceId }).HasPrincipalKey(i => new { i.TenantId, i.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GenerationMarkConfiguration : IEntityTypeConfiguration<Instances.Generate.GenerationMark>
{
    public void Configure(EntityTypeBuilder<Instances.Generate.GenerationMark> b)
    {
        b.ToTable("generation_marks");
        b.HasKey(x => x.TenantId);
        b.HasOne<Tenancy.Tenant>().WithOne().HasForeignKey<Instances.Generate.GenerationMark>(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
