using NodaTime;

namespace ComplianceOs.Domain.Portal;

/// <summary>
/// A sign-in to the admin portal: a tenant's admin (a <see cref="People.User"/> with the Admin role) or a platform
/// operator. The password is kept only as ASP.NET Core Identity's salted PBKDF2 hash. Failed attempts lock the
/// credential for a while; <see cref="Stamp"/> changes with the password, which ends every session issued before.
/// </summary>
public sealed class PortalCredential
{
    public Guid Id { get; set; }

    /// <summary>Lower-case; the sign-in name.</summary>
    public required string Email { get; set; }

    /// <summary>Set with <see cref="UserId"/> for a tenant admin; null for an operator.</summary>
    public Guid? TenantId { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>Set for a platform operator (and then no tenant or user).</summary>
    public Guid? OperatorId { get; set; }

    public required string PasswordHash { get; set; }

    public Guid Stamp { get; set; }

    public int FailedSignIns { get; set; }

    public Instant? LockedUntil { get; set; }

    public Instant? LastSignInAt { get; set; }

    public Instant CreatedAt { get; set; }

    public bool IsOperator => OperatorId is not null;
}
