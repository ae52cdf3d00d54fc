using ComplianceOs.Domain.People;

namespace ComplianceOs.AdminPortal.People;

/// <summary>How the people pages describe roles and channels.</summary>
public static class PeopleLabels
{
    public static string Role(UserRole role) => role switch
    {
        UserRole.Admin => "Admin — manages the organisation, sees every entity, may be given a portal password",
        UserRole.Approver => "Approver — reviews and decides on submitted work",
        UserRole.Owner => "Owner — does the work of the obligations assigned to them",
        UserRole.Viewer => "Viewer — follows the entities granted to them",
        _ => role.ToString(),
    };

    public static string Channel(PreferredChannel channel) => channel switch
    {
        PreferredChannel.Teams => "Microsoft Teams",
        PreferredChannel.Slack => "Slack",
        PreferredChannel.Email => "E-mail",
        _ => channel.ToString(),
    };
}
