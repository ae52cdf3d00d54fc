namespace ComplianceOs.BotHost.Slack.Inbox;

/// <summary>Wakes the inbox worker when a delivery was added in this process, so it need not wait for its next poll.</summary>
public sealed class SlackInboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by another request: one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
