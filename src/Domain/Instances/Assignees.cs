using ComplianceOs.Domain.People;

namespace ComplianceOs.Domain.Instances;

/// <summary>Who gets an instance: the first active user (by name) with the master's role and access to the entity; an admin with access when nobody holds the role.</summary>
internal static class Assignees
{
    public static Guid? Pick(IEnumerable<User> people, Guid entityId, string role, Guid? except = null)
    {
        var wanted = Enum.TryParse<UserRole>(role, out var r) ? r : UserRole.Owner;
        var granted = people.Where(u => u.IsActive && u.Id != except && u.EntityAccess.Any(a => a.EntityId == entityId))
            .OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        return (granted.FirstOrDefault(u => u.HasRole(wanted)) ?? granted.FirstOrDefault(u => u.HasRole(UserRole.Admin)))?.Id;
    }
}
