using System.ComponentModel.DataAnnotations;

namespace ComplianceOs.BotHost.Configuration;

/// <summary><c>ConnectionStrings</c>: the application role for serving, the schema owner only for <c>migrate</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "ConnectionStrings";

    /// <summary>The application role (not owner, not superuser, no BYPASSRLS).</summary>
    [Required(ErrorMessage = "ConnectionStrings:ComplianceDb is required (the application role's connection string).")]
    public string ComplianceDb { get; set; } = string.Empty;

    /// <summary>The schema owner; needed only by <c>migrate</c>.</summary>
    public string? ComplianceDbOwner { get; set; }
}
