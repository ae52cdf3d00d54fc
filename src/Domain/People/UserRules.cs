using System.Net.Mail;
using System.Text.RegularExpressions;
using ComplianceOs.Domain.Common;

namespace ComplianceOs.Domain.People;

/// <summary>A person's details as checked and normalised for storage.</summary>
internal sealed record UserDetails(
    string Name,
    string Email,
    string? AadObjectId,
    string? SlackUserId,
    PreferredChannel PreferredChannel,
    IReadOnlyList<UserRole> Roles);

/// <summary>The rules a person's details follow, whether the person is being added or edited.</summary>
internal static partial class UserRules
{
    /// <summary>Adds every problem to <paramref name="v"/>; the details are meaningful only when it has none.</summary>
    public static UserDetails Check(
        Validation v, string? name, string? email, IReadOnlyList<string>? roles, string? aadObjectId, string? slackUserId, string? preferredChannel)
    {
        v.Required("name", name, 200);
        v.Required("email", email, 320);
        var normalizedEmail = email?.Trim().ToLowerInvariant() ?? string.Empty;
        if (normalizedEmail.Length > 0 && !MailAddress.TryCreate(normalizedEmail, out _))
        {
            v.Add("email", $"'{email}' is not an email address");
        }

        var aad = string.IsNullOrWhiteSpace(aadObjectId) ? null : aadObjectId.Trim().ToLowerInvariant();
        if (aad is not null && !Guid.TryParseExact(aad, "D", out _))
        {
            v.Add("aadObjectId", $"'{aadObjectId}' is not a Microsoft Entra object id (a GUID)");
        }

        var slack = string.IsNullOrWhiteSpace(slackUserId) ? null : slackUserId.Trim().ToUpperInvariant();
        if (slack is not null && !SlackUserId().IsMatch(slack))
        {
            v.Add("slackUserId", $"'{slackUserId}' is not a Slack user id (U or W followed by letters and digits)");
        }

        var preferred = PreferredChannel.Teams;
        if (preferredChannel is not null)
        {
            v.TryParseEnum("preferredChannel", preferredChannel, out preferred);
        }

        var parsedRoles = new List<UserRole>();
        if (roles is null || roles.Count == 0)
        {
            v.Add("roles", "at least one role is required (Admin, Approver, Owner, Viewer)");
        }
        else
        {
            for (var i = 0; i < roles.Count; i++)
            {
                if (v.TryParseEnum<UserRole>($"roles[{i}]", roles[i], out var role) && !parsedRoles.Contains(role))
                {
                    parsedRoles.Add(role);
                }
            }
        }

        return new UserDetails(name?.Trim() ?? string.Empty, normalizedEmail, aad, slack, preferred, parsedRoles);
    }

    [GeneratedRegex("^[UW][A-Z0-9]{2,20}$")]
    private static partial Regex SlackUserId();
}
