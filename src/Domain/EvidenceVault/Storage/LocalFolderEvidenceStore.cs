using System.Buffers;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Domain.EvidenceVault.Storage;

/// <summary>
/// The embedded store for development and single-machine installs: committed blobs are files at <c>{root}/{key}</c>,
/// staged uploads are files in <c>{root}/.staging/</c>. Staging lives on the same file system as the blobs so a commit
/// is one atomic no-replace move (<see cref="NoReplaceFileMove"/>): a reader sees the whole file or none, and of two
/// commits to one key exactly one wins. Committed files are marked read-only as a guard against accidents outside the store.
/// </summary>
public sealed partial class LocalFolderEvidenceStore : IEvidenceStore, ILocalStaging
{
    /// <summary>Big enough for sequential disk writes, small enough to stay off the large-object heap.</summary>
    private const int BufferSize = 81920;

    private readonly string _root;
    private readonly string _staging;

    string ILocalStaging.Folder => _staging;
    private readonly ILogger<LocalFolderEvidenceStore> _logger;

    /// <param name="root">The folder that holds the blobs; created when missing.</param>
    public LocalFolderEvidenceStore(string root, ILogger<LocalFolderEvidenceStore> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _staging = Path.Combine(_root, EvidenceKeys.ReservedStagingSegment);
        _logger = logger;
    }

    /// <summary>The folder that holds the blobs (absolute).</summary>
    public string Root => _root;

    public async Task<StageResult> StageAsync(string key, Stream content, long maxBytes, CancellationToken ct)
    {
        EvidenceKeys.EnsureValid(key);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        Directory.CreateDirectory(_staging);
        var stagingId = Guid.NewGuid();
        var path = Path.Combine(_staging, stagingId.ToString("N"));
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        using var meter = new StagingMeter(maxBytes);
        var kept = false;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                while (true)
                {
                    var read = await meter.FillAsync(content, buffer.AsMemory(0, BufferSize), ct);
                    if (meter.TooLarge)
                    {
                        LogRefused(stagingId, StageRefusal.TooLarge, maxBytes);
                        return new StageResult(null, StageRefusal.TooLarge);
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            if (meter.Size == 0)
            {
                LogRefused(stagingId, StageRefusal.Empty, maxBytes);
                return new StageResult(null, StageRefusal.Empty);
            }

            kept = true;
            LogStaged(stagingId, meter.Size);
            return new StageResult(new LocalStagedBlob(this, stagingId, key, meter.Sha256Hex(), meter.Size, path), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!kept)
            {
                File.Delete(path);
            }
        }
    }

    public Task CommitAsync(StagedBlob staged, CancellationToken ct)
    {
        var local = Own(staged);
        ct.ThrowIfCancellationRequested();
        local.Lifecycle.BeginCommit(local.Key);
        var target = PathOf(local.Key);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                NoReplaceFileMove.Move(local.StagingPath, target);
            }
            catch (IOException) when (File.Exists(target))
            {
                LogAlreadyExists(local.StagingId);
                throw new BlobAlreadyExistsException(local.Key);
            }
        }
        catch
        {
            local.Lifecycle.CommitFailed();
            throw;
        }

        local.Lifecycle.CommitSucceeded();
        File.SetAttributes(target, File.GetAttributes(target) | FileAttributes.ReadOnly);
        LogCommitted(local.StagingId, local.Size);
        return Task.CompletedTask;
    }

    public Task AbandonAsync(StagedBlob staged, CancellationToken ct)
    {
        var local = Own(staged);
        if (local.Lifecycle.TryAbandon())
        {
            File.Delete(local.StagingPath);
            LogAbandoned(local.StagingId);
        }

        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        EvidenceKeys.EnsureValid(key);
        ct.ThrowIfCancellationRequested();
        var path = PathOf(key);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException || (e is UnauthorizedAccessException && Directory.Exists(path)))
        {
            // A key that is only a folder of other keys ("a" next to "a/b") holds no blob either.
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <summary>The file of a (valid) key; checked to be inside the root as a second line behind the key rules.</summary>
    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("An evidence key must stay inside the store's folder.", nameof(key));
        }

        return path;
    }

    private LocalStagedBlob Own(StagedBlob staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        return staged is LocalStagedBlob local && ReferenceEquals(local.Store, this)
            ? local
            : throw new ArgumentException("This staging was not made by this store.", nameof(staged));
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Debug, Message = "Evidence staging {StagingId} kept {Size} bytes in the local folder")]
    private partial void LogStaged(Guid stagingId, long size);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Evidence staging {StagingId} refused ({Refusal}; limit {MaxBytes} bytes)")]
    private partial void LogRefused(Guid stagingId, StageRefusal refusal, long maxBytes);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Evidence staging {StagingId} committed ({Size} bytes) in the local folder")]
    private partial void LogCommitted(Guid stagingId, long size);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Evidence staging {StagingId} not committed: its key already holds a blob")]
    private partial void LogAlreadyExists(Guid stagingId);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Debug, Message = "Evidence staging {StagingId} abandoned")]
    private partial void LogAbandoned(Guid stagingId);

    /// <summary>A file in the staging folder, named by a fresh id so concurrent uploads of one key never meet.</summary>
    private sealed class LocalStagedBlob(LocalFolderEvidenceStore store, Guid stagingId, string key, string sha256, long size, string stagingPath)
        : StagedBlob(key, sha256, size)
    {
        public LocalFolderEvidenceStore Store { get; } = store;

        public Guid StagingId { get; } = stagingId;

        public string StagingPath { get; } = stagingPath;

        public StagingLifecycle Lifecycle { get; } = new();

        public override Stream OpenRead() =>
            new FileStream(StagingPath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
    }
}
