using ComplianceOs.Domain.Persistence;
using NodaTime;
using Npgsql;

namespace ComplianceOs.Domain.Channels.Slack;

/// <summary>A leased inbox row for the worker.</summary>
public sealed record SlackInboxLease(string Id, SlackInboxKind Kind, string TeamId, string Payload, int Attempts);

/// <summary>
/// The Slack inbox: <see cref="AddAsync"/> on the request path, <see cref="LeaseAsync"/>, <see cref="CompleteAsync"/>
/// and <see cref="FailAsync"/> for the worker. A lease, not an open transaction, marks a row in work: the worker calls
/// Slack without holding a connection, and a host that dies mid-row leaves it to be taken again when the lease runs
/// out. Adds and completions that arrive together are written together (one statement, one commit): a busy workspace
/// sends hundreds of events a second, and one WAL flush each would be the acknowledgement's whole cost.
/// </summary>
public sealed class SlackInbox : IAsyncDisposable
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public const int MaxAttempts = 5;

    private const int MaxBatch = 256;

    private readonly ComplianceDbFactory _dbs;
    private readonly TimeProvider _clock;
    private readonly StatementBatcher<Arrival, bool> _adds;
    private readonly StatementBatcher<string, bool> _completions;

    public SlackInbox(ComplianceDbFactory dbs, TimeProvider clock)
    {
        _dbs = dbs;
        _clock = clock;
        _adds = new StatementBatcher<Arrival, bool>(InsertAsync, MaxBatch);
        _completions = new StatementBatcher<string, bool>(MarkProcessedAsync, MaxBatch);
    }

    /// <summary>Durable when it returns: the row is committed.</summary>
    /// <returns>False when this delivery is already in the inbox (a retry or a duplicate): nothing changes.</returns>
    public Task<bool> AddAsync(string id, SlackInboxKind kind, string teamId, string payload, CancellationToken ct = default) =>
        _adds.RunAsync(new Arrival(id, kind.ToString(), teamId, payload, Now()), ct);

    private async Task<IReadOnlyList<bool>> InsertAsync(IReadOnlyList<Arrival> batch)
    {
        await using var command = _dbs.DataSource.CreateCommand("""
            INSERT INTO slack_inbox (id, kind, team_id, payload, received_at, attempts)
            SELECT id, kind, team_id, payload, received_at, 0 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS a(id, kind, team_id, payload, received_at)
            ON CONFLICT DO NOTHING
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(a => a.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(a => a.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(a => a.TeamId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(a => a.Payload).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(a => a.ReceivedAt).ToArray() });
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                inserted.Add(reader.GetString(0));
            }
        }

        // The same delivery twice in one batch: the first is the new one, the second a duplicate.
        return batch.Select(a => inserted.Remove(a.Id)).ToList();
    }

    /// <summary>Takes up to <paramref name="max"/> waiting rows, oldest first, that no live lease holds.</summary>
    public async Task<IReadOnlyList<SlackInboxLease>> LeaseAsync(int max, CancellationToken ct = default)
    {
        var now = Now();
        await using var command = _dbs.DataSource.CreateCommand("""
            UPDATE slack_inbox i SET leased_until = $1, attempts = i.attempts + 1
            FROM (SELECT id FROM slack_inbox
                  WHERE processed_at IS NULL AND attempts < $3 AND (leased_until IS NULL OR leased_until < $2)
                  ORDER BY received_at LIMIT $4 FOR UPDATE SKIP LOCKED) w
            WHERE i.id = w.id
            RETURNING i.id, i.kind, i.team_id, i.payload, i.attempts, i.received_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now + Duration.FromTimeSpan(Lease) });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = MaxAttempts });
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        var rows = new List<(SlackInboxLease Lease, Instant ReceivedAt)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((new SlackInboxLease(reader.GetString(0), Enum.Parse<SlackInboxKind>(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)), reader.GetFieldValue<Instant>(5)));
            }
        }

        return rows.OrderBy(r => r.ReceivedAt).Select(r => r.Lease).ToList();
    }

    /// <summary>Marks a row handled (durable when it returns).</summary>
    public Task CompleteAsync(string id, CancellationToken ct = default) => _completions.RunAsync(id, ct);

    private async Task<IReadOnlyList<bool>> MarkProcessedAsync(IReadOnlyList<string> ids)
    {
        await using var command = _dbs.DataSource.CreateCommand("UPDATE slack_inbox SET processed_at = $2, leased_until = NULL, last_error = NULL WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = Now() });
        await command.ExecuteNonQueryAsync();
        return ids.Select(_ => true).ToList();
    }

    /// <summary>Gives the row back for a later attempt (after a short pause), up to <see cref="MaxAttempts"/>.</summary>
    public async Task FailAsync(string id, string error, TimeSpan retryAfter, CancellationToken ct = default)
    {
        await using var command = _dbs.DataSource.CreateCommand("UPDATE slack_inbox SET leased_until = $2, last_error = $3 WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = Now() + Duration.FromTimeSpan(retryAfter) });
        command.Parameters.Add(new NpgsqlParameter { Value = error.Length > 500 ? error[..500] : error });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Forgets handled rows older than a day (Slack stops retrying within minutes).</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        await using var command = _dbs.DataSource.CreateCommand("DELETE FROM slack_inbox WHERE processed_at < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Now() - Duration.FromDays(1) });
        return await command.ExecuteNonQueryAsync(ct);
    }

    private Instant Now() => Instant.FromDateTimeOffset(_clock.GetUtcNow());

    public async ValueTask DisposeAsync()
    {
        await _adds.DisposeAsync();
        await _completions.DisposeAsync();
    }

    private sealed record Arrival(string Id, string Kind, string TeamId, string Payload, Instant ReceivedAt);
}
