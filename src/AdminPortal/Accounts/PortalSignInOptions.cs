using System.ComponentModel.DataAnnotations;

namespace ComplianceOs.AdminPortal.Accounts;

/// <summary>Section <c>Portal:SignIn</c>: lockout and the sign-in rate limit.</summary>
public sealed class PortalSignInOptions
{
    public const string Section = "Portal:SignIn";

    /// <summary>Failed passwords in a row that lock the credential.</summary>
    [Range(3, 20)]
    public int MaxFailures { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts (POSTs) per client address per minute, whatever the account.</summary>
    [Range(1, 10_000)]
    public int AttemptsPerMinute { get; set; } = 10;
}
