namespace ComplianceOs.Domain.Channels.Slack.Install;

/// <summary>
/// The part of configuration section <c>Slack</c> that issuing an install link needs: whether installs are on, the
/// bot host's public address (where links open), and the Data Protection key ring that signs the links. Every host
/// that issues or opens links (the bot host, its CLI, the admin portal) reads the same keys, so their links agree.
/// </summary>
public class SlackInstallLinkOptions
{
    public const string Section = "Slack";

    /// <summary>Where a link opens on the bot host: <c>{PublicBaseUrl}/slack/install?link={token}</c>.</summary>
    public const string InstallPath = "/slack/install";

    /// <summary>OAuth v2 client id, for installs into further workspaces; empty turns installs off.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The public base URL of the bot host (for the OAuth redirect, the manifest's request URLs and install links).</summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// Protects the Data Protection key ring that encrypts installed bot tokens and signs install links: a base64 key
    /// of at least 32 bytes (or a path to a PFX certificate in <see cref="KeyRingCertificatePath"/>). Required once
    /// installs are on.
    /// </summary>
    public string KeyRingProtectionKey { get; set; } = string.Empty;

    public string KeyRingCertificatePath { get; set; } = string.Empty;

    public string KeyRingCertificatePassword { get; set; } = string.Empty;

    /// <summary>
    /// The directory holding the Data Protection key ring (shared by every host and the CLI that issues install
    /// links). Empty means <c>{LocalApplicationData}/ComplianceOs/slack-keys</c> (e.g. <c>~/.local/share/…</c>):
    /// the same for the host and the CLI whatever their content roots, and outside <c>bin/</c>, which a clean wipes.
    /// </summary>
    public string KeyRingPath { get; set; } = string.Empty;

    public bool InstallsEnabled => !string.IsNullOrWhiteSpace(ClientId);
}
