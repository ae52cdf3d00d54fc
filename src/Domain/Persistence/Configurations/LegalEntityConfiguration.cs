using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class LegalEntityConfiguration : IEntityTypeConfiguration<LegalEntity>
{
    public void Configure(EntityTypeBuilder<LegalEntity> b)
    {
        b.ToTable("legal_entities", t =>
        {
            t.HasCheckConstraint("ck_legal_entities_fy_end_month", "financial_year_end_month BETWEEN 1 AND 12");
            t.HasCheckConstraint("ck_legal_entities_pan", "pan ~ '^[A-Z]{5}[0-9]{4}[A-Z]$'");
            t.HasCheckConstraint("ck_legal_entities_state_code", "state_code ~ '^[0-9]{2}$'");
        });
        b.HasKey(x => x.Id);

        // (tenant_id, id) is what child rows reference, so no row can point into another tenant.
        b.HasAlternateKey(x => new { x.TenantId, x.Id });
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => new { x.TenantId, x.Name }).IsUnique();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.StateCode).HasMaxLength(2).IsFixedLength();
        b.Property(x => x.Pan).HasMaxLength(10);
        b.Property(x => x.Cin).HasMaxLength(21);
        b.Property(x => x.Llpin).HasMaxLength(8);
        b.Property(x => x.Tan).HasMaxLength(10);
        b.Property(x => x.ProfessionalTaxStates).HasColumnType("text[]");
        b.Property(x => x.AnnualTurnoverCrore).HasPrecision(14, 2);

        b.HasMany(x => x.GstRegistrations).WithOne()
            .HasForeignKey(g => new { g.TenantId, g.EntityId }).HasPrincipalKey(x => new { x.TenantId, x.Id })
            .OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.AgmRecords).WithOne()
            .HasForeignKey(a => new { a.TenantId, a.EntityId }).HasPrincipalKey(x => new { x.TenantId, x.Id })
            .OnDelete(DeleteBehavior.Restrict);

        b.HasOne<User>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.EscalationContactUserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.DirectorUserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GstRegistrationConfiguration : IEntityTypeConfiguration<GstRegistration>
{
    public void Configure(EntityTypeBuilder<GstRegistration> b)
    {
        b.ToTable("gst_registrations", t =>
        {
            t.HasCheckConstraint("ck_gst_registrations_gstin", "gstin ~ '^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$'");
            t.HasCheckConstraint("ck_gst_registrations_state_matches", "substr(gstin, 1, 2) = state_code");
        });
        b.HasKey(x => x.Id);
        b.Property(x => x.Gstin).HasMaxLength(15);
        b.Property(x => x.StateCode).HasMaxLength(2).IsFixedLength();
        b.Property(x => x.Regime).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.TenantId, x.Gstin }).IsUnique();
    }
}

internal sealed class AgmRecordConfiguration : IEntityTypeConfiguration<AgmRecord>
{
    public void Configure(EntityTypeBuilder<AgmRecord> b)
    {
        b.ToTable("agm_records", t => t.HasCheckConstraint("ck_agm_records_after_fy_end", "held_on > financial_year_end"));
        b.HasKey(x => new { x.EntityId, x.FinancialYearEnd });
    }
}
