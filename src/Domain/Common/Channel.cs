namespace ComplianceOs.Domain.Common;

/// <summary>Where a command came from; recorded on every audit entry.</summary>
public enum Channel
{
    Teams,
    Slack,
    Portal,
    Job,
    Cli,

    /// <summary>A notification sent by e-mail (SMTP); never the source of a command.</summary>
    Email,

    /// <summary>A signed evidence download link opened in a browser.</summary>
    Link,
}
