using Npgsql;

namespace ComplianceOs.Jobs.Locking;

/// <summary>
/// Keeps two workers off the same tenant's job at once: a PostgreSQL transaction-scoped advisory lock on (job,
/// tenant), held on a connection of its own for as long as the work runs. Several workers on several machines share
/// one database, so the lock lives there; a worker that dies releases it with its connection.
/// </summary>
public sealed class TenantLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private TenantLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>The lock, or null when another worker holds it (that worker does the work; this one need not).</summary>
    public static async Task<TenantLock?> TryAcquireAsync(NpgsqlDataSource dataSource, string job, Guid tenantId, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2))", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = "complianceos.jobs." + job });
            command.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString("N") });
            if ((bool)(await command.ExecuteScalarAsync(ct))!)
            {
                return new TenantLock(connection, transaction);
            }

            await transaction.DisposeAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        // Ending the transaction releases the lock; nothing was written in it.
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
