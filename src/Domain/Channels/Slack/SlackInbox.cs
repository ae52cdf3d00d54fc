using ComplianceOs.Domain.Persistence;
using NodaTime;
using Npgsql;

namespace ComplianceOs.Domain.Channels.Slack;

/// <summary>A leased inbox row for the worker.</summary>
public sealed record SlackInboxLease(string Id, SlackInboxKind Kind, string TeamId, string Payload, int Attempts);

/// <summary>
/// The Slack inbox: <see cref="AddAsync"/> on the request path (one statement, so the acknowledgement stays fast),
/// <see cref="LeaseAsync"/>, <see cref="CompleteAsync"/> and <see cref="FailAsync"/> for the worker. A lease, not an
/// open transaction, marks a row in work: the worker calls Slack without holding a connection, and a host that dies
/// mid-row leaves it to be taken again when the lease runs out.
/// </summary>
public sealed class SlackInbox(ComplianceDbFactory dbs, TimeProvider clock)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public const int MaxAttempts = 5;

    /// <returns>False when this delivery is already in the inbox (a retry or a duplicate): nothing changes.</returns>
    public async Task<bool> AddAsync(string id, SlackInboxKind kind, string teamId, string payload, CancellationToken ct = default)
    {
        await using var command = dbs.DataSource.CreateCommand(
            "INSERT INTO slack_inbox (id, kind, team_id, payload, received_at, attempts) VALUES ($1, $2, $3, $4, $5, 0) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = teamId });
        command.Parameters.Add(new NpgsqlParameter { Value = payload });
        command.Parameters.Add(new NpgsqlParameter { Value = Now() });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Takes up to <paramref name="max"/> waiting rows, oldest first, that no live lease holds.</summary>
    public async Task<IReadOnlyList<SlackInboxLease>> LeaseAsync(int max, CancellationToken ct = default)
    {
        var now = Now();
        await using var command = dbs.DataSource.CreateCommand("""
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

    public async Task CompleteAsync(string id, CancellationToken ct = default)
    {
        await using var command = dbs.DataSource.CreateCommand("UPDATE slack_inbox SET processed_at = $2, leased_until = NULL, last_error = NULL WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = Now() });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Gives the row back for a later attempt (after a short pause), up to <see cref="MaxAttempts"/>.</summary>
    public async Task FailAsync(string id, string error, TimeSpan retryAfter, CancellationToken ct = default)
    {
        await using var command = dbs.DataSource.CreateCommand("UPDATE slack_inbox SET leased_until = $2, last_error = $3 WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = Now() + Duration.FromTimeSpan(retryAfter) });
        command.Parameters.Add(new NpgsqlParameter { Value = error.Length > 500 ? error[..500] : error });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Forgets handled rows older than a day (Slack stops retrying within minutes).</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        await using var command = dbs.DataSource.CreateCommand("DELETE FROM slack_inbox WHERE processed_at < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Now() - Duration.FromDays(1) });
        return await command.ExecuteNonQueryAsync(ct);
    }

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());
}
