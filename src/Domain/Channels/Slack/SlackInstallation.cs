using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Channels.Slack;

/// <summary>
/// A workspace that installed the app through OAuth. The bot token is stored only encrypted (ASP.NET Core Data
/// Protection, whose key ring is itself protected by a key from configuration), never in plain form.
/// </summary>
public sealed class SlackInstallation : ITenantOwned
{
    public required string TeamId { get; set; }

    public Guid TenantId { get; set; }

    public string? TeamName { get; set; }

    public string? EnterpriseId { get; set; }

    public required string BotUserId { get; set; }

    public string? BotId { get; set; }

    public required string AppId { get; set; }

    public required string EncryptedBotToken { get; set; }

    public required string Scopes { get; set; }

    public string? InstalledBySlackUserId { get; set; }

    public Instant InstalledAt { get; set; }
}
