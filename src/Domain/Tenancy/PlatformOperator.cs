using NodaTime;

namespace ComplianceOs.Domain.Tenancy;

/// <summary>An account outside any tenant that manages tenants. Visible only in platform scope.</summary>
public sealed class PlatformOperator
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public bool IsActive { get; set; } = true;

    public Instant CreatedAt { get; set; }
}
