namespace ComplianceOs.BotHost.Teams.Files;

/// <summary>
/// Section <c>Teams:Files</c>. A file sent to the bot arrives as a pre-authorised OneDrive/SharePoint download URL;
/// we fetch only from these hosts (<c>*.</c> matches any subdomain), so a crafted activity or button cannot make
/// the bot fetch from elsewhere.
/// </summary>
public sealed class TeamsFileOptions
{
    public const string Section = "Teams:Files";

    public List<string> DownloadHosts { get; set; } = ["*.sharepoint.com", "*.sharepoint.us", "*.sharepoint.de", "*.sharepoint.cn", "*.sharepoint-df.com"];

    /// <summary>
    /// Where images pasted into the chat are fetched from, with the bot's connector token: the Bot Connector's
    /// attachment service and Teams' media store. The token is sent nowhere else.
    /// </summary>
    public List<string> ImageHosts { get; set; } =
        ["*.trafficmanager.net", "*.asm.skype.com", "smba.infra.gcc.teams.microsoft.com", "smba.infra.gov.teams.microsoft.us"];

    /// <summary>Plain http is refused except for loopback hosts (local fakes in tests and demos).</summary>
    public bool IsAllowed(Uri uri) => Matches(uri, DownloadHosts);

    public bool IsAllowedImage(Uri uri) => Matches(uri, ImageHosts);

    private static bool Matches(Uri uri, List<string> hosts) =>
        (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && hosts.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
            ? uri.Host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(uri.Host, pattern, StringComparison.OrdinalIgnoreCase));
}
