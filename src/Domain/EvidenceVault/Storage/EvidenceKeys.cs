namespace ComplianceOs.Domain.EvidenceVault.Storage;

/// <summary>
/// The one set of key rules both stores apply, so a key that works with the local folder also works in Azure and no key
/// can leave the store's root. Keys are built by our own code from ids, never taken from a user, so a bad key is a bug
/// and fails with <see cref="ArgumentException"/>.
/// </summary>
internal static class EvidenceKeys
{
    /// <summary>Azure's limit on a blob name.</summary>
    public const int MaxLength = 1024;

    /// <summary>The local folder stages under this first segment; reserved in every store so the rules are the same.</summary>
    public const string ReservedStagingSegment = ".staging";

    /// <summary>
    /// A key is a relative '/'-separated path: not empty, not rooted, no backslash, colon or control character (a
    /// Windows drive, an NTFS stream), no empty, <c>.</c> or <c>..</c> segment, and not under <c>.staging/</c>.
    /// </summary>
    public static void EnsureValid(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > MaxLength)
        {
            throw new ArgumentException($"An evidence key has at most {MaxLength} characters.", nameof(key));
        }

        foreach (var c in key)
        {
            if (c is '\\' or ':' || char.IsControl(c))
            {
                throw new ArgumentException("An evidence key has no backslash, colon or control character.", nameof(key));
            }
        }

        var segments = key.Split('/');
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                throw new ArgumentException("An evidence key is a relative path without empty, '.' or '..' segments.", nameof(key));
            }
        }

        if (segments[0] == ReservedStagingSegment)
        {
            throw new ArgumentException($"Evidence keys under '{ReservedStagingSegment}/' are reserved for staging.", nameof(key));
        }
    }
}
