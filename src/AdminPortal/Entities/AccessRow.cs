using ComplianceOs.Domain.People;
using NodaTime;

namespace ComplianceOs.AdminPortal.Entities;

/// <summary>A person granted a legal entity, as the entity page lists them.</summary>
public sealed record AccessRow(Guid UserId, string Name, IReadOnlyList<UserRole> Roles, bool IsActive, Instant GrantedAt);
