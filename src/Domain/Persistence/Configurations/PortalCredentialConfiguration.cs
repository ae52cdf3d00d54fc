using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Portal;
using ComplianceOs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class PortalCredentialConfiguration : IEntityTypeConfiguration<PortalCredential>
{
    public void Configure(EntityTypeBuilder<PortalCredential> b)
    {
        b.ToTable("portal_credentials", t =>
        {
            t.HasCheckConstraint("ck_portal_credentials_email_lower", "email = lower(email)");
            t.HasCheckConstraint("ck_portal_credentials_kind",
                "(operator_id IS NOT NULL AND tenant_id IS NULL AND user_id IS NULL) OR (operator_id IS NULL AND tenant_id IS NOT NULL AND user_id IS NOT NULL)");
            t.HasCheckConstraint("ck_portal_credentials_failed_sign_ins", "failed_sign_ins >= 0");
        });
        b.HasKey(x => x.Id);
        b.Property(x => x.Email).HasMaxLength(320);
        b.Property(x => x.PasswordHash).HasMaxLength(512);
        b.HasIndex(x => x.Email).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.UserId }).IsUnique();
        b.HasIndex(x => x.OperatorId).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(x => new { x.TenantId, x.UserId }).HasPrincipalKey(u => new { u.TenantId, u.Id }).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlatformOperator>().WithMany().HasForeignKey(x => x.OperatorId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.IsOperator);
    }
}
