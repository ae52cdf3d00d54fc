namespace ComplianceOs.Domain.People;

/// <summary>What the audit trail records of a user.</summary>
internal static class UserSnapshot
{
    public static object Of(User u) => new
    {
        u.Id,
        u.Name,
        u.Email,
        u.AadObjectId,
        u.SlackUserId,
        u.PreferredChannel,
        u.IsActive,
        Roles = u.Roles.Select(r => r.Role).Order().ToList(),
        EntityIds = u.EntityAccess.Select(a => a.EntityId).Order().ToList(),
    };
}
