namespace ComplianceOs.Domain.EvidenceVault.Storage;

/// <summary>
/// <c>Evidence:*</c>: where evidence files are kept and how large one may be. Azure Blob Storage when
/// <see cref="BlobConnectionString"/> is set (run.sh points it at Azurite), else a local folder.
/// </summary>
public sealed class EvidenceStorageOptions
{
    public const string Section = "Evidence";

    /// <summary>An Azure Storage connection string; null or empty keeps evidence in <see cref="LocalPath"/>.</summary>
    public string? BlobConnectionString { get; set; }

    /// <summary>The blob container (an Azure container name: 3-63 lower-case letters, digits and single hyphens).</summary>
    public string Container { get; set; } = "evidence";

    /// <summary>The local folder, absolute or relative to the host's content root; used without a connection string.</summary>
    public string LocalPath { get; set; } = Path.Combine(".local", "evidence");

    /// <summary>The largest file accepted, in bytes; an upload is cut off as soon as it passes this.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Whether evidence goes to Azure Blob Storage.</summary>
    public bool UsesBlobStorage => !string.IsNullOrWhiteSpace(BlobConnectionString);
}
