using ComplianceOs.BotHost.Slack.Turns;
using ComplianceOs.Domain.Channels.Slack;

namespace ComplianceOs.BotHost.Slack.Inbox;

/// <summary>
/// Drains the Slack inbox in process: woken by new deliveries, and polling every few seconds for rows another host
/// added or a lease that ran out. Rows are handled a few at a time in parallel; a failure gives the row back for a
/// later attempt, up to <see cref="SlackInbox.MaxAttempts"/>.
/// </summary>
public sealed partial class SlackInboxWorker(SlackInbox inbox, SlackInboxSignal signal, IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<SlackOptions> options, ILogger<SlackInboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parallel = options.Value.InboxParallelism;
        var lastPurge = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var leased = await inbox.LeaseAsync(parallel * 4, stoppingToken);
                if (leased.Count > 0)
                {
                    await System.Threading.Tasks.Parallel.ForEachAsync(leased, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = stoppingToken }, HandleAsync);
                    continue;
                }

                if (DateTimeOffset.UtcNow - lastPurge > TimeSpan.FromHours(1))
                {
                    await inbox.PurgeAsync(stoppingToken);
                    lastPurge = DateTimeOffset.UtcNow;
                }

                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                LogInboxUnavailable(logger, ex.Message);
                await Task.Delay(Poll, stoppingToken);
            }
        }
    }

    private readonly BackgroundTurnScheduler _scheduler = new(Math.Max(2, Environment.ProcessorCount));

    private ValueTask HandleAsync(SlackInboxLease lease, CancellationToken ct) =>
        new(Task.Factory.StartNew(() => HandleHereAsync(lease, ct), ct, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap());

    public override void Dispose()
    {
        base.Dispose();
        _scheduler.Dispose();
    }

    private async Task HandleHereAsync(SlackInboxLease lease, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SlackTurns>().HandleAsync(lease, ct);
            await inbox.CompleteAsync(lease.Id, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // One bad delivery must not stop the others; it is retried later and its error kept on the row.
            LogTurnFailed(logger, ex, lease.Id, lease.Attempts);
            await inbox.FailAsync(lease.Id, ex.GetType().Name + ": " + ex.Message, TimeSpan.FromSeconds(5 * lease.Attempts), CancellationToken.None);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Slack inbox unavailable: {Reason}")]
    private static partial void LogInboxUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "Slack delivery {DeliveryId} failed on attempt {Attempt}")]
    private static partial void LogTurnFailed(ILogger logger, Exception ex, string deliveryId, int attempt);
}
