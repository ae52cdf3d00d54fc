using ComplianceOs.Domain.Channels.Slack;
using ComplianceOs.Integration.Tests.Infrastructure;
using Npgsql;

namespace ComplianceOs.Integration.Tests.Slack;

/// <summary>
/// The inbox writes concurrent arrivals and completions in batches: each caller must still learn exactly whether its
/// own delivery was new, find it committed when the call returns, and never pay for a neighbour's bad row.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class SlackInboxTests(DatabaseFixture fixture) : IAsyncLifetime
{
    private readonly string _prefix = "Ev" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private SlackInbox _inbox = null!;

    public Task InitializeAsync()
    {
        _inbox = new SlackInbox(fixture.Dbs, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _inbox.DisposeAsync();
        await using var owner = await fixture.OpenOwnerAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM slack_inbox WHERE id LIKE $1", owner) { Parameters = { new() { Value = _prefix + "%" } } };
        await delete.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task ConcurrentArrivals_EachDeliveryIsNewExactlyOnce_EvenWhenItsDuplicateSharesItsBatch()
    {
        await _inbox.AddAsync(Id(0), SlackInboxKind.Event, "T0ACME001", "{\"n\":0}");

        // 300 deliveries, each sent three times at once (Slack's retries racing the original), plus one already in.
        var calls = Enumerable.Range(0, 300).SelectMany(n => Enumerable.Repeat(n, 3))
            .Select(n => (N: n, Task: Task.Run(() => _inbox.AddAsync(Id(n), SlackInboxKind.Event, "T0ACME001", $"{{\"n\":{n}}}"))))
            .ToList();
        await Task.WhenAll(calls.Select(c => c.Task));

        var newByDelivery = calls.GroupBy(c => c.N).ToDictionary(g => g.Key, g => g.Count(c => c.Task.Result));
        Assert.Equal(0, newByDelivery[0]);
        Assert.All(newByDelivery.Where(d => d.Key != 0), d => Assert.Equal(1, d.Value));
        Assert.Equal(300, await CountAsync("true"));
        Assert.Equal("{\"n\":42}", await PayloadAsync(Id(42)));
    }

    [Fact]
    public async Task AnArrival_IsCommittedWhenAddReturns()
    {
        Assert.True(await _inbox.AddAsync(Id(1), SlackInboxKind.Command, "T0ACME001", "{}"));

        // Another session sees it at once: the acknowledgement may go out, a crash now loses nothing.
        Assert.Equal(1, await CountAsync("kind = 'Command'"));
    }

    [Fact]
    public async Task ABadRow_FailsOnlyItsOwnCaller_NotTheOthersInItsBatch()
    {
        // PostgreSQL text cannot hold NUL: this row's insert fails whatever batch it lands in.
        var calls = Enumerable.Range(0, 60)
            .Select(n => (N: n, Task: Task.Run(() => _inbox.AddAsync(Id(n), SlackInboxKind.Event, "T0ACME001", n == 30 ? "bad\0row" : "{}"))))
            .ToList();
        await Assert.ThrowsAnyAsync<Exception>(() => calls[30].Task);
        await Task.WhenAll(calls.Where(c => c.N != 30).Select(c => c.Task));

        Assert.All(calls.Where(c => c.N != 30), c => Assert.True(c.Task.Result));
        Assert.Equal(59, await CountAsync("true"));
    }

    [Fact]
    public async Task ConcurrentCompletions_MarkEveryRowHandled_AndLeasesSkipThem()
    {
        for (var n = 0; n < 40; n++)
        {
            await _inbox.AddAsync(Id(n), SlackInboxKind.Event, "T0ACME001", "{}");
        }

        await Task.WhenAll(Enumerable.Range(0, 40).Where(n => n % 2 == 0).Select(n => Task.Run(() => _inbox.CompleteAsync(Id(n)))));

        Assert.Equal(20, await CountAsync("processed_at IS NOT NULL AND leased_until IS NULL"));
        var leased = new List<string>();
        for (IReadOnlyList<SlackInboxLease> batch; (batch = await _inbox.LeaseAsync(100)).Count > 0;)
        {
            leased.AddRange(batch.Select(l => l.Id).Where(id => id.StartsWith(_prefix, StringComparison.Ordinal)));
        }

        Assert.Equal(Enumerable.Range(0, 40).Where(n => n % 2 == 1).Select(Id).Order(), leased.Order());
    }

    private string Id(int n) => $"{_prefix}{n:D4}";

    private async Task<long> CountAsync(string where)
    {
        await using var owner = await fixture.OpenOwnerAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM slack_inbox WHERE id LIKE $1 AND {where}", owner) { Parameters = { new() { Value = _prefix + "%" } } };
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private async Task<string> PayloadAsync(string id)
    {
        await using var owner = await fixture.OpenOwnerAsync();
        await using var read = new NpgsqlCommand("SELECT payload FROM slack_inbox WHERE id = $1", owner) { Parameters = { new() { Value = id } } };
        return (string)(await read.ExecuteScalarAsync())!;
    }
}
