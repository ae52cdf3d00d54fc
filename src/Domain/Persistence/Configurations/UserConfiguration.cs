using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users", t => t.HasCheckConstraint("ck_users_email_lower", "email = lower(email)"));
        b.HasKey(x => x.Id);
        b.HasAlternateKey(x => new { x.TenantId, x.Id });
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(320);
        b.Property(x => x.AadObjectId).HasMaxLength(64);
        b.Property(x => x.SlackUserId).HasMaxLength(32);
        b.Property(x => x.PreferredChannel).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.TenantId, x.Email }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.AadObjectId }).IsUnique();
        b.HasIndex(x => new { x.TenantId, x.SlackUserId }).IsUnique();

        b.HasMany(x => x.Roles).WithOne()
            .HasForeignKey(r => new { r.TenantId, r.UserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.EntityAccess).WithOne()
            .HasForeignKey(a => new { a.TenantId, a.UserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserRoleGrantConfiguration : IEntityTypeConfiguration<UserRoleGrant>
{
    public void Configure(EntityTypeBuilder<UserRoleGrant> b)
    {
        b.ToTable("user_roles", t => t.HasCheckConstraint("ck_user_roles_role", "role IN ('Admin', 'Approver', 'Owner', 'Viewer')"));
        b.HasKey(x => new { x.UserId, x.Role });
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class EntityAccessConfiguration : IEntityTypeConfiguration<EntityAccess>
{
    public void Configure(EntityTypeBuilder<EntityAccess> b)
    {
        b.ToTable("entity_access");
        b.HasKey(x => new { x.UserId, x.EntityId });
        b.HasOne<LegalEntity>().WithMany()
            .HasForeignKey(x => new { x.TenantId, x.EntityId }).HasPrincipalKey(e => new { e.TenantId, e.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
