namespace ComplianceOs.BotHost.Notifications;

/// <summary>
/// Runs the dispatcher every <c>Notifications:DispatchIntervalSeconds</c> (default 2; 0 turns the loop off, as the
/// tests do to dispatch by hand). A failed round is logged and retried on the next tick.
/// </summary>
public sealed partial class NotificationDispatchService(NotificationDispatcher dispatcher, IConfiguration configuration, ILogger<NotificationDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Notifications:DispatchIntervalSeconds", 2);
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await dispatcher.DispatchOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 2402, Level = LogLevel.Error, Message = "Notification dispatch round failed ({Error}); retrying on the next tick")]
    private static partial void LogRoundFailed(ILogger logger, string error);
}
