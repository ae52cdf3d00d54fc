using System.Diagnostics;
using ComplianceOs.Domain.EvidenceVault.Storage;

namespace ComplianceOs.Benchmarks.Evidence;

/// <summary>
/// A pass-through around the product's store that only adds up the time spent in each of its calls, so the
/// measuring process can say where an upload's wall time goes (staging, commit, clean-up; the rest is the
/// handler's checks, the inspection and the database). It hands the store's own staged blobs back and forth
/// untouched; its cost is two timestamps per call.
/// </summary>
public sealed class TimedEvidenceStore(IEvidenceStore inner) : IEvidenceStore
{
    public TimeSpan Stage { get; private set; }

    public TimeSpan Commit { get; private set; }

    public TimeSpan Abandon { get; private set; }

    public void Reset() => (Stage, Commit, Abandon) = (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    public async Task<StageResult> StageAsync(string key, Stream content, long maxBytes, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await inner.StageAsync(key, content, maxBytes, ct);
        }
        finally
        {
            Stage += Stopwatch.GetElapsedTime(start);
        }
    }

    public async Task CommitAsync(StagedBlob staged, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await inner.CommitAsync(staged, ct);
        }
        finally
        {
            Commit += Stopwatch.GetElapsedTime(start);
        }
    }

    public async Task AbandonAsync(StagedBlob staged, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await inner.AbandonAsync(staged, ct);
        }
        finally
        {
            Abandon += Stopwatch.GetElapsedTime(start);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct) => inner.OpenReadAsync(key, ct);
}
