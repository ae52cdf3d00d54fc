using System.Threading.Channels;

namespace ComplianceOs.Domain.Channels.Slack;

/// <summary>
/// Runs many callers' small writes as one statement and one commit: callers queue their item and await its result,
/// while a single loop takes whatever has queued up (up to <c>maxBatch</c>) and writes it together. Under load the
/// batch grows by itself, so each request waits for at most about two commits instead of queueing for its own WAL
/// flush; when idle, a batch is one item and costs what a lone statement would. If the statement fails, every caller in
/// that batch is written again on its own, so only a bad item's caller sees an exception.
/// </summary>
internal sealed class StatementBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<(TItem Item, TaskCompletionSource<TResult> Done)> _queue =
        Channel.CreateUnbounded<(TItem, TaskCompletionSource<TResult>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _write;
    private readonly int _maxBatch;
    private readonly Task _loop;

    /// <param name="write">Writes the batch in one statement and returns one result per item, in order.</param>
    public StatementBatcher(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write, int maxBatch)
    {
        _write = write;
        _maxBatch = maxBatch;
        _loop = Task.Run(LoopAsync);
    }

    public Task<TResult> RunAsync(TItem item, CancellationToken ct)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((item, done)))
        {
            throw new ObjectDisposedException(nameof(StatementBatcher<TItem, TResult>));
        }

        // A caller that gives up stops waiting; its item is still written (every write here is idempotent).
        return done.Task.WaitAsync(ct);
    }

    private async Task LoopAsync()
    {
        var batch = new List<(TItem Item, TaskCompletionSource<TResult> Done)>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var results = await _write(batch.ConvertAll(b => b.Item));
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One bad item must not fail its neighbours: write them one by one, so only it fails.
                foreach (var one in batch)
                {
                    await WriteAloneAsync(one);
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }

            batch.Clear();
        }
    }

    private async Task WriteAloneAsync((TItem Item, TaskCompletionSource<TResult> Done) one)
    {
        try
        {
            one.Done.TrySetResult((await _write([one.Item]))[0]);
        }
        catch (Exception ex)
        {
            one.Done.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
