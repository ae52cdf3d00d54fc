using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ComplianceOs.Domain.Persistence;

/// <summary>
/// Applies a <see cref="ComplianceDb"/>'s scope to PostgreSQL at the start of every transaction
/// (<c>set_config(..., is_local =&gt; true)</c>, so it ends with the transaction and never leaks through the pool),
/// and refuses commands of a scoped context that run outside a transaction, where row-level security would
/// silently hide every row.
/// </summary>
internal sealed class TenantScopeInterceptor : DbCommandInterceptor, IDbTransactionInterceptor
{
    public static readonly TenantScopeInterceptor Instance = new();

    private const string ApplySql =
        "SELECT set_config('app.tenant_id', @tenant, true), set_config('app.platform', @platform, true)";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Guard(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Guard(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Guard(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Guard(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Guard(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Guard(command, eventData);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = CreateApplyCommand(connection, result, eventData);
        command?.ExecuteNonQuery();
        return result;
    }

    public async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = CreateApplyCommand(connection, result, eventData);
        if (command is not null)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    private static DbCommand? CreateApplyCommand(DbConnection connection, DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is not ComplianceDb db)
        {
            return null;
        }

        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ApplySql;
        AddParameter(command, "tenant", db.Scope.TenantId?.ToString("D") ?? string.Empty);
        AddParameter(command, "platform", db.Scope.IsPlatform ? "on" : "off");
        return command;
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private static void Guard(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is ComplianceDb { Scope.IsUnscoped: false } && command.Transaction is null)
        {
            throw new InvalidOperationException(
                "A tenant- or platform-scoped ComplianceDb ran a command outside a transaction; row-level security " +
                "settings apply per transaction. Begin one with Database.BeginTransactionAsync().");
        }
    }
}
