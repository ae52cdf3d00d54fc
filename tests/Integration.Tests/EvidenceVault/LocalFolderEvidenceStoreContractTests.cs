using ComplianceOs.Domain.EvidenceVault.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComplianceOs.Integration.Tests.EvidenceVault;

/// <summary>The contract on the embedded store, in a fresh temporary folder per test.</summary>
public sealed class LocalFolderEvidenceStoreContractTests : EvidenceStoreContractTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "complianceos-evidence-tests", Guid.NewGuid().ToString("N"));

    private string StagingFolder => Path.Combine(_root, ".staging");

    protected override Task<IEvidenceStore> CreateStoreAsync() =>
        Task.FromResult<IEvidenceStore>(new LocalFolderEvidenceStore(_root, NullLogger<LocalFolderEvidenceStore>.Instance));

    protected override Task<IReadOnlyList<string>> ListedKeysAsync()
    {
        IReadOnlyList<string> keys = !Directory.Exists(_root)
            ? []
            : Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
                .Where(f => !f.StartsWith(StagingFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order()
                .ToList();
        return Task.FromResult(keys);
    }

    protected override Task<IReadOnlyList<string>> LeftoversAsync()
    {
        IReadOnlyList<string> files = Directory.Exists(StagingFolder) ? Directory.GetFiles(StagingFolder) : [];
        return Task.FromResult(files);
    }

    protected override Task CleanUpAsync()
    {
        if (Directory.Exists(_root))
        {
            // Committed files are read-only; on Windows that would stop the delete.
            foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Committed_files_are_read_only_and_staging_stays_inside_the_root()
    {
        var key = NewKey();
        var staged = (await Store.StageAsync(key, new TestUpload(TestUpload.Bytes(1000, seed: 1)), Limit, CancellationToken.None)).Staged!;
        Assert.Single(Directory.GetFiles(StagingFolder)); // same file system as the blobs: the commit is a move

        await Store.CommitAsync(staged, CancellationToken.None);

        var file = Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
        Assert.True(File.GetAttributes(file).HasFlag(FileAttributes.ReadOnly));
        Assert.Empty(Directory.GetFiles(StagingFolder));
    }

    [Fact]
    public async Task Simultaneous_commits_never_replace_the_winner()
    {
        // File.Move without overwrite checks that the target is missing and then renames (on Unix), so of two commits
        // released at once both could "succeed", the second replacing the first; with two spinning threads per round
        // that happened in about a third of the rounds before the store moved by hard link.
        for (var round = 0; round < 100; round++)
        {
            var key = NewKey();
            var a = (await Store.StageAsync(key, new TestUpload(TestUpload.Bytes(64, seed: 2 * round)), Limit, CancellationToken.None)).Staged!;
            var b = (await Store.StageAsync(key, new TestUpload(TestUpload.Bytes(64, seed: (2 * round) + 1)), Limit, CancellationToken.None)).Staged!;
            var go = 0;
            var wins = new List<StagedBlob>();
            var threads = new[] { a, b }.Select(s => new Thread(() =>
            {
                while (Volatile.Read(ref go) == 0)
                {
                }

                try
                {
                    Store.CommitAsync(s, CancellationToken.None).GetAwaiter().GetResult();
                    lock (wins)
                    {
                        wins.Add(s);
                    }
                }
                catch (BlobAlreadyExistsException)
                {
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            Volatile.Write(ref go, 1);
            threads.ForEach(t => t.Join());

            var winner = Assert.Single(wins);
            Assert.Equal(winner.Sha256, TestUpload.Sha256(await ReadAsync(key)));
        }
    }
}
