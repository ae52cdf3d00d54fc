namespace ComplianceOs.Domain.EvidenceVault.Storage;

/// <summary>
/// Where evidence bytes live: Azure Blob Storage (Azurite in development) or a local folder. Both pass one contract
/// suite. The store never overwrites or deletes a committed blob: <see cref="CommitAsync"/> is a conditional create,
/// and there is no delete of committed blobs at all. A staged upload is invisible under its key until committed;
/// abandoning it removes what was staged.
/// <para>
/// Keys are relative '/'-separated paths that our code builds from ids (never user text): no empty, <c>.</c> or
/// <c>..</c> segment, no backslash, colon or control character, at most 1,024 characters, not under <c>.staging/</c>.
/// Any other key is a bug and fails with <see cref="ArgumentException"/>, in every store alike.
/// </para>
/// </summary>
public interface IEvidenceStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into staging for <paramref name="key"/>, computing SHA-256 and size as it
    /// goes and stopping as soon as more than <paramref name="maxBytes"/> arrive, whatever the sender claimed. The
    /// staged bytes are readable (seekable) through <see cref="StagedBlob.OpenRead"/> for inspection. An empty or too
    /// large upload is refused with nothing kept; otherwise the caller commits or abandons what was staged (a local
    /// copy exists until then, so abandon in a <c>finally</c>: it does nothing after a commit).
    /// </summary>
    Task<StageResult> StageAsync(string key, Stream content, long maxBytes, CancellationToken ct);

    /// <summary>
    /// Makes the staged bytes the blob at its key, whole and at once; fails with <see cref="BlobAlreadyExistsException"/>
    /// if the key exists (of concurrent commits to one key exactly one wins). The staged copy is gone afterwards.
    /// Committing a staging twice, or after abandoning it, is a bug: <see cref="InvalidOperationException"/>.
    /// </summary>
    Task CommitAsync(StagedBlob staged, CancellationToken ct);

    /// <summary>Drops what was staged and not committed (any local copy too). Safe to call twice and after a commit.</summary>
    Task AbandonAsync(StagedBlob staged, CancellationToken ct);

    /// <summary>
    /// The committed bytes at <paramref name="key"/> (a read-only stream the caller disposes), or null when there is
    /// no committed blob there; staged bytes are never returned.
    /// </summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);
}

/// <summary>What staging gave: the staged blob, or why nothing was kept (too large, empty).</summary>
public sealed record StageResult(StagedBlob? Staged, StageRefusal? Refusal);

public enum StageRefusal
{
    Empty,
    TooLarge,
}

/// <summary>
/// Bytes staged for <see cref="Key"/>: their lower-case hex SHA-256 and size as received, and a local copy to inspect.
/// </summary>
public abstract class StagedBlob(string key, string sha256, long size)
{
    public string Key { get; } = key;

    public string Sha256 { get; } = sha256;

    public long Size { get; } = size;

    /// <summary>A seekable read of the staged bytes (for content inspection), until the staging is committed or abandoned.</summary>
    public abstract Stream OpenRead();
}

/// <summary>A commit found a blob already at the key: nothing was overwritten.</summary>
public sealed class BlobAlreadyExistsException(string key)
    : InvalidOperationException($"A committed blob already exists at '{key}'; it was not overwritten.")
{
    public string Key { get; } = key;
}
