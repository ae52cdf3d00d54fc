using ComplianceOs.Domain.EvidenceVault.Storage;

namespace ComplianceOs.Integration.Tests.EvidenceVault;

/// <summary>
/// What every evidence store promises (see <see cref="IEvidenceStore"/>), run against each store by a subclass: staging
/// measures and caps what actually arrives, staged bytes are invisible until committed, a commit never replaces a
/// blob, abandoning leaves nothing behind. Each test has a store of its own (a fresh folder, a fresh container).
/// </summary>
public abstract class EvidenceStoreContractTests : IAsyncLifetime
{
    /// <summary>The production default (Evidence:MaxUploadBytes).</summary>
    protected const long Limit = 10 * 1024 * 1024;

    private const int MiB = 1024 * 1024;

    protected IEvidenceStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync() => CleanUpAsync();

    protected abstract Task<IEvidenceStore> CreateStoreAsync();

    /// <summary>The committed blobs, as a listing of the store's storage shows them.</summary>
    protected abstract Task<IReadOnlyList<string>> ListedKeysAsync();

    /// <summary>Whatever staging keeps until commit or abandon: local copies, staging files, uncommitted blocks.</summary>
    protected abstract Task<IReadOnlyList<string>> LeftoversAsync();

    protected abstract Task CleanUpAsync();

    protected static string NewKey() => $"tenants/{Guid.NewGuid():N}/evidence/{Guid.NewGuid():N}/v1";

    [Theory]
    [InlineData(1)]
    [InlineData(81_920)]
    [InlineData(81_921)]
    [InlineData(4 * MiB)]
    [InlineData(4 * MiB + 1)]
    [InlineData(9 * MiB)]
    public async Task Stage_reports_the_sha256_and_size_of_the_bytes_that_arrived(int size)
    {
        var bytes = TestUpload.Bytes(size, seed: size);
        var key = NewKey();

        var result = await Store.StageAsync(key, new TestUpload(bytes), Limit, CancellationToken.None);

        Assert.Null(result.Refusal);
        var staged = Assert.IsAssignableFrom<StagedBlob>(result.Staged);
        Assert.Equal(key, staged.Key);
        Assert.Equal(TestUpload.Sha256(bytes), staged.Sha256);
        Assert.Equal(size, staged.Size);
        await Store.AbandonAsync(staged, CancellationToken.None);
    }

    [Fact]
    public async Task Stage_accepts_exactly_the_limit_and_refuses_one_byte_more()
    {
        var exact = TestUpload.Bytes((int)Limit, seed: 1);
        var atLimit = await Store.StageAsync(NewKey(), new TestUpload(exact), Limit, CancellationToken.None);
        Assert.Null(atLimit.Refusal);
        Assert.Equal(Limit, atLimit.Staged!.Size);
        Assert.Equal(TestUpload.Sha256(exact), atLimit.Staged.Sha256);
        await Store.AbandonAsync(atLimit.Staged, CancellationToken.None);

        var key = NewKey();
        var over = new TestUpload(TestUpload.Bytes((int)Limit + 1, seed: 2));
        var refused = await Store.StageAsync(key, over, Limit, CancellationToken.None);
        Assert.Equal(StageRefusal.TooLarge, refused.Refusal);
        Assert.Null(refused.Staged);
        await AssertNothingAtAsync(key);
    }

    [Fact]
    public async Task Stage_refuses_a_stream_that_claims_10_bytes_and_sends_5_MB()
    {
        var key = NewKey();
        var liar = new TestUpload(TestUpload.Bytes(5 * MiB, seed: 3), claimedLength: 10);
        Assert.True(liar.CanSeek);
        Assert.Equal(10, liar.Length);

        var result = await Store.StageAsync(key, liar, maxBytes: MiB, CancellationToken.None);

        Assert.Equal(StageRefusal.TooLarge, result.Refusal);
        Assert.Null(result.Staged);
        Assert.Equal(MiB + 1, liar.BytesRead); // stopped at the first byte past the limit
        await AssertNothingAtAsync(key);
    }

    [Fact]
    public async Task Stage_refuses_an_unsized_stream_as_soon_as_it_passes_the_limit()
    {
        var key = NewKey();
        var upload = new TestUpload(TestUpload.Bytes(5 * MiB, seed: 4));
        Assert.False(upload.CanSeek);

        var result = await Store.StageAsync(key, upload, maxBytes: MiB, CancellationToken.None);

        Assert.Equal(StageRefusal.TooLarge, result.Refusal);
        Assert.Null(result.Staged);
        Assert.Equal(MiB + 1, upload.BytesRead);
        await AssertNothingAtAsync(key);
    }

    [Fact]
    public async Task Stage_refuses_an_empty_upload()
    {
        var key = NewKey();

        var result = await Store.StageAsync(key, new TestUpload([]), Limit, CancellationToken.None);

        Assert.Equal(StageRefusal.Empty, result.Refusal);
        Assert.Null(result.Staged);
        await AssertNothingAtAsync(key);
    }

    [Fact]
    public async Task Staged_bytes_are_neither_readable_nor_listed_until_committed()
    {
        var key = NewKey();
        var bytes = TestUpload.Bytes(5 * MiB, seed: 5);
        var staged = (await Store.StageAsync(key, new TestUpload(bytes), Limit, CancellationToken.None)).Staged!;

        Assert.Null(await Store.OpenReadAsync(key, CancellationToken.None));
        Assert.Empty(await ListedKeysAsync());

        await Store.CommitAsync(staged, CancellationToken.None);

        Assert.Equal(TestUpload.Sha256(bytes), TestUpload.Sha256(await ReadAsync(key)));
        Assert.Equal([key], await ListedKeysAsync());
        Assert.Empty(await LeftoversAsync()); // committing used up the staging
    }

    [Fact]
    public async Task Committed_bytes_read_back_identical()
    {
        var key = NewKey();
        var bytes = TestUpload.Bytes(9 * MiB + 123, seed: 6);
        var staged = (await Store.StageAsync(key, new TestUpload(bytes), Limit, CancellationToken.None)).Staged!;

        await Store.CommitAsync(staged, CancellationToken.None);

        await using var read = await Store.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(read);
        Assert.False(read.CanWrite);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes.Length, copy.Length);
        Assert.True(bytes.AsSpan().SequenceEqual(copy.ToArray()), "the committed bytes differ from the uploaded ones");
    }

    [Fact]
    public async Task A_second_commit_to_a_key_fails_and_the_first_bytes_stay()
    {
        var key = NewKey();
        var first = TestUpload.Bytes(3 * MiB, seed: 7);
        var a = (await Store.StageAsync(key, new TestUpload(first), Limit, CancellationToken.None)).Staged!;
        var b = (await Store.StageAsync(key, new TestUpload(TestUpload.Bytes(2 * MiB, seed: 8)), Limit, CancellationToken.None)).Staged!;

        await Store.CommitAsync(a, CancellationToken.None);
        var raced = await Assert.ThrowsAsync<BlobAlreadyExistsException>(() => Store.CommitAsync(b, CancellationToken.None));
        Assert.Equal(key, raced.Key);

        // A staging made after the first commit fares no better.
        var c = (await Store.StageAsync(key, new TestUpload(TestUpload.Bytes(MiB, seed: 9)), Limit, CancellationToken.None)).Staged!;
        await Assert.ThrowsAsync<BlobAlreadyExistsException>(() => Store.CommitAsync(c, CancellationToken.None));

        await Store.AbandonAsync(b, CancellationToken.None);
        await Store.AbandonAsync(c, CancellationToken.None);
        Assert.Equal(TestUpload.Sha256(first), TestUpload.Sha256(await ReadAsync(key)));
        Assert.Equal([key], await ListedKeysAsync());
        Assert.Empty(await LeftoversAsync());
    }

    [Fact]
    public async Task Concurrent_commits_to_one_key_have_exactly_one_winner()
    {
        var key = NewKey();
        var uploads = Enumerable.Range(0, 6).Select(i => TestUpload.Bytes(MiB + i, seed: 100 + i)).ToList();
        var staged = new List<StagedBlob>();
        foreach (var bytes in uploads)
        {
            staged.Add((await Store.StageAsync(key, new TestUpload(bytes), Limit, CancellationToken.None)).Staged!);
        }

        var outcomes = await Task.WhenAll(staged.Select(async s =>
        {
            await Task.Yield();
            try
            {
                await Store.CommitAsync(s, CancellationToken.None);
                return (Staged: s, Won: true);
            }
            catch (BlobAlreadyExistsException)
            {
                return (Staged: s, Won: false);
            }
        }));

        var winner = Assert.Single(outcomes, o => o.Won).Staged;
        Assert.Equal(winner.Sha256, TestUpload.Sha256(await ReadAsync(key)));
        foreach (var loser in outcomes.Where(o => !o.Won))
        {
            await Store.AbandonAsync(loser.Staged, CancellationToken.None);
        }

        Assert.Equal(winner.Sha256, TestUpload.Sha256(await ReadAsync(key)));
        Assert.Empty(await LeftoversAsync());
    }

    [Fact]
    public async Task Abandon_leaves_nothing_and_is_safe_twice()
    {
        var key = NewKey();
        var staged = (await Store.StageAsync(key, new TestUpload(TestUpload.Bytes(6 * MiB, seed: 10)), Limit, CancellationToken.None)).Staged!;
        Assert.NotEmpty(await LeftoversAsync());

        await Store.AbandonAsync(staged, CancellationToken.None);
        await Store.AbandonAsync(staged, CancellationToken.None);

        await AssertNothingAtAsync(key);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CommitAsync(staged, CancellationToken.None));
        await AssertNothingAtAsync(key);
    }

    [Fact]
    public async Task Abandon_after_commit_keeps_the_blob_and_a_staging_commits_once()
    {
        var key = NewKey();
        var bytes = TestUpload.Bytes(2 * MiB, seed: 11);
        var staged = (await Store.StageAsync(key, new TestUpload(bytes), Limit, CancellationToken.None)).Staged!;
        await Store.CommitAsync(staged, CancellationToken.None);

        await Store.AbandonAsync(staged, CancellationToken.None);
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CommitAsync(staged, CancellationToken.None));

        Assert.IsNotType<BlobAlreadyExistsException>(again); // a caller's bug, not a conflict
        Assert.Equal(TestUpload.Sha256(bytes), TestUpload.Sha256(await ReadAsync(key)));
    }

    [Fact]
    public async Task Abandoning_one_staging_does_not_spoil_another_of_the_same_key()
    {
        var key = NewKey();
        var kept = TestUpload.Bytes(9 * MiB, seed: 12);
        var dropped = (await Store.StageAsync(key, new TestUpload(TestUpload.Bytes(5 * MiB, seed: 13)), Limit, CancellationToken.None)).Staged!;
        var staged = (await Store.StageAsync(key, new TestUpload(kept), Limit, CancellationToken.None)).Staged!;

        await Store.AbandonAsync(dropped, CancellationToken.None);
        await Store.CommitAsync(staged, CancellationToken.None);

        Assert.Equal(TestUpload.Sha256(kept), TestUpload.Sha256(await ReadAsync(key)));
        Assert.Empty(await LeftoversAsync());
    }

    [Fact]
    public async Task Open_read_of_a_missing_key_is_null()
    {
        var key = NewKey();
        Assert.Null(await Store.OpenReadAsync(key, CancellationToken.None));

        // Neither a "folder" above a committed key nor a path below it holds a blob.
        var staged = (await Store.StageAsync($"{key}/file", new TestUpload(TestUpload.Bytes(10, seed: 14)), Limit, CancellationToken.None)).Staged!;
        await Store.CommitAsync(staged, CancellationToken.None);
        Assert.Null(await Store.OpenReadAsync(key, CancellationToken.None));
        Assert.Null(await Store.OpenReadAsync($"{key}/file/below", CancellationToken.None));
        Assert.NotNull(await Store.OpenReadAsync($"{key}/file", CancellationToken.None));
    }

    [Fact]
    public async Task The_staged_copy_is_seekable_and_holds_the_bytes()
    {
        var bytes = TestUpload.Bytes(5 * MiB + 17, seed: 15);
        var staged = (await Store.StageAsync(NewKey(), new TestUpload(bytes), Limit, CancellationToken.None)).Staged!;

        await using (var copy = staged.OpenRead())
        await using (var second = staged.OpenRead())
        {
            Assert.True(copy.CanSeek);
            Assert.Equal(bytes.Length, copy.Length);
            var all = new byte[bytes.Length];
            await copy.ReadExactlyAsync(all);
            Assert.True(bytes.AsSpan().SequenceEqual(all), "the staged copy differs from the upload");

            copy.Seek(3_000_000, SeekOrigin.Begin);
            var middle = new byte[100];
            await copy.ReadExactlyAsync(middle);
            Assert.True(bytes.AsSpan(3_000_000, 100).SequenceEqual(middle));

            second.Seek(-10, SeekOrigin.End);
            var tail = new byte[10];
            await second.ReadExactlyAsync(tail);
            Assert.True(bytes.AsSpan(bytes.Length - 10).SequenceEqual(tail));
        }

        await Store.AbandonAsync(staged, CancellationToken.None);
    }

    [Fact]
    public async Task Evidence_is_immutable_through_the_store_API()
    {
        // The interface has no way to delete or replace a committed blob...
        Assert.Equal(
            ["AbandonAsync", "CommitAsync", "OpenReadAsync", "StageAsync"],
            typeof(IEvidenceStore).GetMethods().Select(m => m.Name).Order());

        // ...a commit never overwrites, whatever is staged for the key...
        var key = NewKey();
        var original = TestUpload.Bytes(MiB, seed: 16);
        var staged = (await Store.StageAsync(key, new TestUpload(original), Limit, CancellationToken.None)).Staged!;
        await Store.CommitAsync(staged, CancellationToken.None);
        var forgery = (await Store.StageAsync(key, new TestUpload(TestUpload.Bytes(MiB, seed: 17)), Limit, CancellationToken.None)).Staged!;
        await Assert.ThrowsAsync<BlobAlreadyExistsException>(() => Store.CommitAsync(forgery, CancellationToken.None));

        // ...abandoning the loser (or the winner) removes nothing committed, and reads cannot write.
        await Store.AbandonAsync(forgery, CancellationToken.None);
        await Store.AbandonAsync(staged, CancellationToken.None);
        await using var read = await Store.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(read);
        Assert.False(read.CanWrite);
        Assert.Equal(TestUpload.Sha256(original), TestUpload.Sha256(await ReadAllAsync(read)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/tenants/x")]
    [InlineData("tenants/../x")]
    [InlineData("..")]
    [InlineData("tenants/./x")]
    [InlineData("tenants//x")]
    [InlineData("tenants/x/")]
    [InlineData("tenants\\x")]
    [InlineData("c:/x")]
    [InlineData(".staging/x")]
    public async Task Keys_that_are_not_plain_relative_paths_are_refused(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.StageAsync(key, new TestUpload([1, 2, 3]), Limit, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenReadAsync(key, CancellationToken.None));
        Assert.Empty(await LeftoversAsync());
    }

    [Fact]
    public async Task A_cancelled_upload_leaves_nothing()
    {
        var key = NewKey();
        using var cts = new CancellationTokenSource();
        var upload = new TestUpload(TestUpload.Bytes(9 * MiB, seed: 18), afterRead: read =>
        {
            if (read > 6 * MiB)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.StageAsync(key, upload, Limit, cts.Token));

        await AssertNothingAtAsync(key);
    }

    protected async Task<byte[]> ReadAsync(string key)
    {
        await using var read = await Store.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(read);
        return await ReadAllAsync(read);
    }

    private static async Task<byte[]> ReadAllAsync(Stream read)
    {
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>No blob under the key, nothing listed, nothing left of staging.</summary>
    private async Task AssertNothingAtAsync(string key)
    {
        Assert.Null(await Store.OpenReadAsync(key, CancellationToken.None));
        Assert.Empty(await ListedKeysAsync());
        Assert.Empty(await LeftoversAsync());
    }
}
