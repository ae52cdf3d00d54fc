using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;

namespace ComplianceOs.Domain.Tests.People;

/// <summary>The rules a person's details follow, shared by adding and editing people.</summary>
public class UserRulesTests
{
    private static (UserDetails Details, string[] Fields) Check(
        string? name = "Kavya Iyer", string? email = "Kavya.Iyer@Acme.Example ", string[]? roles = null, string? aad = null, string? slack = null, string? channel = null)
    {
        var v = new Validation();
        var details = UserRules.Check(v, name, email, roles ?? ["owner", "Approver", "Owner"], aad, slack, channel);
        return (details, [.. v.Errors.OfType<ValidationError>().Select(e => e.Field)]);
    }

    [Fact]
    public void Check_NormalisesEmailIdentitiesAndRoles()
    {
        var (details, fields) = Check(aad: " A1C3E5F7-1111-4A2B-8C3D-000000000101 ", slack: "u0kavya1", channel: "slack");

        Assert.Empty(fields);
        Assert.Equal("kavya.iyer@acme.example", details.Email);
        Assert.Equal("a1c3e5f7-1111-4a2b-8c3d-000000000101", details.AadObjectId);
        Assert.Equal("U0KAVYA1", details.SlackUserId);
        Assert.Equal(PreferredChannel.Slack, details.PreferredChannel);
        Assert.Equal([UserRole.Owner, UserRole.Approver], details.Roles);
    }

    [Fact]
    public void Check_BlankIdentitiesAreNone_AndTheChannelDefaultsToTeams()
    {
        var (details, fields) = Check(aad: "  ", slack: string.Empty);

        Assert.Empty(fields);
        Assert.Null(details.AadObjectId);
        Assert.Null(details.SlackUserId);
        Assert.Equal(PreferredChannel.Teams, details.PreferredChannel);
    }

    [Fact]
    public void Check_NamesEveryBadField_AtOnce()
    {
        var (_, fields) = Check(name: " ", email: "not an email", roles: ["Owner", "Superuser"], aad: "not-a-guid", slack: "kavya", channel: "Pager");

        Assert.Equal(["name", "email", "aadObjectId", "slackUserId", "preferredChannel", "roles[1]"], fields);
    }

    [Fact]
    public void Check_RequiresARole()
    {
        var (_, fields) = Check(roles: []);

        Assert.Equal(["roles"], fields);
    }
}
