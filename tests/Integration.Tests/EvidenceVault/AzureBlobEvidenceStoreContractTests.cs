using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ComplianceOs.Domain.EvidenceVault.Storage;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComplianceOs.Integration.Tests.EvidenceVault;

/// <summary>
/// The contract on the Azure Blob store against Azurite (one emulator per class, a fresh container and copies folder
/// per test), and how staging looks from the storage side: uncommitted blocks of the final blob, nothing else.
/// </summary>
public sealed class AzureBlobEvidenceStoreContractTests(AzuriteFixture azurite) : EvidenceStoreContractTests, IClassFixture<AzuriteFixture>
{
    private readonly BlobContainerClient _container =
        azurite.Emulator.Client().GetBlobContainerClient($"evidence-{Guid.NewGuid():N}"[..40]);

    private readonly string _copies = Path.Combine(Path.GetTempPath(), "complianceos-evidence-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<IEvidenceStore> CreateStoreAsync()
    {
        var store = new AzureBlobEvidenceStore(_container, _copies, NullLogger<AzureBlobEvidenceStore>.Instance);
        await store.EnsureContainerAsync(CancellationToken.None);
        return store;
    }

    protected override async Task<IReadOnlyList<string>> ListedKeysAsync()
    {
        var names = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names.Order().ToList();
    }

    protected override async Task<IReadOnlyList<string>> LeftoversAsync()
    {
        var committed = (await ListedKeysAsync()).ToHashSet();
        var leftovers = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { States = BlobStates.Uncommitted }))
        {
            if (!committed.Contains(blob.Name))
            {
                leftovers.Add($"uncommitted blocks: {blob.Name}");
            }
        }

        if (Directory.Exists(_copies))
        {
            leftovers.AddRange(Directory.GetFiles(_copies).Select(f => $"local copy: {f}"));
        }

        return leftovers;
    }

    protected override async Task CleanUpAsync()
    {
        await _container.DeleteIfExistsAsync();
        if (Directory.Exists(_copies))
        {
            Directory.Delete(_copies, recursive: true);
        }
    }

    [Fact]
    public async Task Staging_is_uncommitted_blocks_of_the_final_blob_and_nothing_else()
    {
        var key = NewKey();
        var staged = (await Store.StageAsync(key, new TestUpload(TestUpload.Bytes(9 * 1024 * 1024, seed: 1)), Limit, CancellationToken.None)).Staged!;

        var blob = _container.GetBlockBlobClient(key);
        var blocks = (await blob.GetBlockListAsync(BlockListTypes.All)).Value;
        Assert.Empty(blocks.CommittedBlocks);
        Assert.Equal([4L * 1024 * 1024, 4L * 1024 * 1024, 1L * 1024 * 1024], blocks.UncommittedBlocks.Select(b => b.SizeLong).OrderDescending());
        Assert.False((await blob.ExistsAsync()).Value);
        Assert.Empty(await ListedKeysAsync());
        Assert.Equal(2, (await LeftoversAsync()).Count); // the uncommitted blocks under the key, and the local copy

        await Store.CommitAsync(staged, CancellationToken.None);

        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(9L * 1024 * 1024, properties.ContentLength);
        Assert.Equal(staged.Sha256, properties.Metadata["sha256"]);
        var committed = (await blob.GetBlockListAsync(BlockListTypes.All)).Value;
        Assert.Equal([4L * 1024 * 1024, 4L * 1024 * 1024, 1L * 1024 * 1024], committed.CommittedBlocks.Select(b => b.SizeLong)); // in upload order
        Assert.Empty(committed.UncommittedBlocks);
    }

    [Fact]
    public async Task An_upload_of_one_block_or_less_stays_local_and_is_committed_by_one_put_blob()
    {
        var key = NewKey();
        var bytes = TestUpload.Bytes(AzureBlobEvidenceStore.BlockSize, seed: 3);
        var staged = (await Store.StageAsync(key, new TestUpload(bytes), Limit, CancellationToken.None)).Staged!;

        // Nothing at the service yet: a file refused on inspection never reaches it.
        Assert.Equal(["local copy"], (await LeftoversAsync()).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        var blob = _container.GetBlockBlobClient(key);
        Assert.False((await blob.ExistsAsync()).Value);

        await Store.CommitAsync(staged, CancellationToken.None);

        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(AzureBlobEvidenceStore.BlockSize, properties.ContentLength);
        Assert.Equal(staged.Sha256, properties.Metadata["sha256"]);
        Assert.Equal(TestUpload.Sha256(bytes), TestUpload.Sha256(await ReadAsync(key)));
        Assert.Empty(await LeftoversAsync());
    }

    [Fact]
    public async Task One_byte_past_a_block_is_staged_as_two_blocks_in_order()
    {
        var key = NewKey();
        var bytes = TestUpload.Bytes(AzureBlobEvidenceStore.BlockSize + 1, seed: 4);
        var staged = (await Store.StageAsync(key, new TestUpload(bytes), Limit, CancellationToken.None)).Staged!;

        var blob = _container.GetBlockBlobClient(key);
        Assert.Equal([4L * 1024 * 1024, 1L], (await blob.GetBlockListAsync(BlockListTypes.All)).Value.UncommittedBlocks.Select(b => b.SizeLong).OrderDescending());

        await Store.CommitAsync(staged, CancellationToken.None);

        Assert.Equal([4L * 1024 * 1024, 1L], (await blob.GetBlockListAsync(BlockListTypes.All)).Value.CommittedBlocks.Select(b => b.SizeLong));
        Assert.Equal(TestUpload.Sha256(bytes), TestUpload.Sha256(await ReadAsync(key)));
        Assert.Empty(await LeftoversAsync());
    }

    [Fact]
    public async Task A_staging_whose_blocks_were_dropped_stages_again_from_its_copy_at_commit()
    {
        // Azure drops uncommitted blocks after 7 days, and an abandoned staging of the same key drops them all. Here
        // they go the way Azurite reliably drops them: another block list is committed under the name (which discards
        // every uncommitted block not in it) and that blob is then deleted behind the store's back.
        var key = NewKey();
        var bytes = TestUpload.Bytes(9 * 1024 * 1024, seed: 2);
        var staged = (await Store.StageAsync(key, new TestUpload(bytes), Limit, CancellationToken.None)).Staged!;
        var blob = _container.GetBlockBlobClient(key);
        var other = Convert.ToBase64String(new byte[20]);
        await blob.StageBlockAsync(other, new MemoryStream([1, 2, 3]));
        await blob.CommitBlockListAsync([other]);
        await blob.DeleteAsync();

        await Store.CommitAsync(staged, CancellationToken.None);

        Assert.Equal(TestUpload.Sha256(bytes), TestUpload.Sha256(await ReadAsync(key)));
        Assert.Empty(await LeftoversAsync());
    }
}
