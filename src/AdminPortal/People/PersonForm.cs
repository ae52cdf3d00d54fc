using ComplianceOs.Domain.People;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Domain.People.UpdateUser;

namespace ComplianceOs.AdminPortal.People;

/// <summary>A person as their form posts them; text and lists, so the domain's rules decide and name the field.</summary>
public sealed class PersonForm
{
    public const string Prefix = "Form";

    public string? Name { get; set; }

    public string? Email { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<Guid> EntityIds { get; set; } = [];

    /// <summary>The person's Microsoft Entra object id, as Teams knows them.</summary>
    public string? AadObjectId { get; set; }

    public string? SlackUserId { get; set; }

    public string? PreferredChannel { get; set; } = nameof(Domain.People.PreferredChannel.Teams);

    public bool IsActive { get; set; } = true;

    /// <summary>What the person was when the form was filled (edits only); see <see cref="UpdateUserHandler.StampOf"/>.</summary>
    public string? Stamp { get; set; }

    public static PersonForm From(User u) => new()
    {
        Name = u.Name,
        Email = u.Email,
        Roles = [.. u.Roles.Select(r => r.Role).Order().Select(r => r.ToString())],
        EntityIds = [.. u.EntityAccess.Select(a => a.EntityId)],
        AadObjectId = u.AadObjectId,
        SlackUserId = u.SlackUserId,
        PreferredChannel = u.PreferredChannel.ToString(),
        IsActive = u.IsActive,
        Stamp = UpdateUserHandler.StampOf(u),
    };

    public CreateUserCommand ToCreate() =>
        new(Name ?? string.Empty, Email ?? string.Empty, Roles, AadObjectId, SlackUserId, PreferredChannel, EntityIds);

    public UpdateUserCommand ToUpdate(Guid userId) =>
        new(userId, Stamp ?? string.Empty, Name ?? string.Empty, Email ?? string.Empty, Roles, AadObjectId, SlackUserId, PreferredChannel, EntityIds, IsActive);

    /// <summary>The ModelState key of a command's field; null puts it above the form.</summary>
    public static string? KeyOf(string field) => field switch
    {
        "name" => $"{Prefix}.{nameof(Name)}",
        "email" => $"{Prefix}.{nameof(Email)}",
        "aadObjectId" => $"{Prefix}.{nameof(AadObjectId)}",
        "slackUserId" => $"{Prefix}.{nameof(SlackUserId)}",
        "preferredChannel" => $"{Prefix}.{nameof(PreferredChannel)}",
        "isActive" => $"{Prefix}.{nameof(IsActive)}",
        _ when field.StartsWith("roles", StringComparison.Ordinal) => $"{Prefix}.{nameof(Roles)}",
        _ when field.StartsWith("entityIds", StringComparison.Ordinal) => $"{Prefix}.{nameof(EntityIds)}",
        _ => null,
    };
}
