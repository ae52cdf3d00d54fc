using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.People;

public enum UserRole
{
    Admin,
    Approver,
    Owner,
    Viewer,
}

public enum PreferredChannel
{
    Teams,
    Slack,

    /// <summary>E-mail only (when the product has SMTP configured); otherwise the chat channels.</summary>
    Email,
}

/// <summary>A person of a tenant, known to Teams by AAD object id and to Slack by user id.</summary>
public sealed class User : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-cased; unique within the tenant.</summary>
    public required string Email { get; set; }

    public string? AadObjectId { get; set; }

    public string? SlackUserId { get; set; }

    public PreferredChannel PreferredChannel { get; set; } = PreferredChannel.Teams;

    public bool IsActive { get; set; } = true;

    public Instant CreatedAt { get; set; }

    public List<UserRoleGrant> Roles { get; set; } = [];

    public List<EntityAccess> EntityAccess { get; set; } = [];

    public bool HasRole(UserRole role) => Roles.Any(r => r.Role == role);
}

public sealed class UserRoleGrant : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    public UserRole Role { get; set; }
}

/// <summary>Grants a user access to one legal entity. Admins see every entity of their tenant without grants.</summary>
public sealed class EntityAccess : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    public Guid EntityId { get; set; }

    public Instant GrantedAt { get; set; }
}
