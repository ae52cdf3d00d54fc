using ComplianceOs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.ToTable("tenants", t => t.HasCheckConstraint("ck_tenants_max_evidence_bytes", "max_evidence_bytes IS NULL OR max_evidence_bytes BETWEEN 1024 AND 2147483648"));
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.TimeZone).HasMaxLength(64);
        b.HasIndex(t => t.Name).IsUnique();
        b.HasMany(t => t.TeamsTenants).WithOne().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.SlackWorkspaces).WithOne().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TeamsTenantBindingConfiguration : IEntityTypeConfiguration<TeamsTenantBinding>
{
    public void Configure(EntityTypeBuilder<TeamsTenantBinding> b)
    {
        b.ToTable("teams_tenant_bindings");
        b.HasKey(x => x.TeamsTenantId);
        b.Property(x => x.TeamsTenantId).HasMaxLength(64);
        b.HasIndex(x => x.TenantId);
    }
}

internal sealed class SlackWorkspaceBindingConfiguration : IEntityTypeConfiguration<SlackWorkspaceBinding>
{
    public void Configure(EntityTypeBuilder<SlackWorkspaceBinding> b)
    {
        b.ToTable("slack_workspace_bindings");
        b.HasKey(x => x.SlackTeamId);
        b.Property(x => x.SlackTeamId).HasMaxLength(32);
        b.HasIndex(x => x.TenantId);
    }
}

internal sealed class PlatformOperatorConfiguration : IEntityTypeConfiguration<PlatformOperator>
{
    public void Configure(EntityTypeBuilder<PlatformOperator> b)
    {
        b.ToTable("platform_operators");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(320);
        b.HasIndex(x => x.Email).IsUnique();
    }
}
