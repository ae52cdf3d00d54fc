using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace ComplianceOs.Domain.EvidenceVault.Storage;

/// <summary>
/// Fails start-up (with <c>ValidateOnStart</c>) on evidence settings that would only fail at the first upload: a
/// malformed connection string, a container name Azure refuses, a limit that is not a size.
/// </summary>
public sealed partial class EvidenceStorageOptionsValidator : IValidateOptions<EvidenceStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, EvidenceStorageOptions options)
    {
        var failures = new List<string>();
        if (!ContainerName().IsMatch(options.Container ?? string.Empty))
        {
            failures.Add("Evidence:Container must be a valid Azure container name: 3-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit, no two hyphens in a row");
        }

        if (options.MaxUploadBytes is <= 0 or > AzureBlobEvidenceStore.MaxBlobBytes)
        {
            failures.Add($"Evidence:MaxUploadBytes must be between 1 and {AzureBlobEvidenceStore.MaxBlobBytes} bytes");
        }

        if (options.UsesBlobStorage)
        {
            try
            {
                _ = new BlobServiceClient(options.BlobConnectionString);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                // The message names the setting, never the value: it holds the account key.
                failures.Add("Evidence:BlobConnectionString is not an Azure Storage connection string");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.LocalPath))
        {
            failures.Add("Evidence:LocalPath is required when Evidence:BlobConnectionString is not set");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$")]
    private static partial Regex ContainerName();
}
