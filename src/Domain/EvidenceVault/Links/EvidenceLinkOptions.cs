namespace ComplianceOs.Domain.EvidenceVault.Links;

/// <summary>Section <c>Evidence:Links</c>: how download links are signed, how long they live and where they point.</summary>
public sealed class EvidenceLinkOptions
{
    public const string Section = "Evidence:Links";

    /// <summary>
    /// The HMAC-SHA256 key, base64, at least 32 bytes, shared by every host that serves links. Unset, each process
    /// makes its own at start (a warning is logged): fine for one host, but links then die with a restart.
    /// </summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>How long a link works: 1 minute to 1 day.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The bot host's public address, which serves <c>/evidence/{token}</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:3978";

    /// <summary>True when <see cref="SigningKey"/> was made at start rather than configured.</summary>
    public bool KeyIsEphemeral { get; set; }

    public byte[] Key() => Convert.FromBase64String(SigningKey);
}
