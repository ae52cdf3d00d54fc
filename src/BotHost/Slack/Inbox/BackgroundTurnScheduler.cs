using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ComplianceOs.BotHost.Slack.Inbox;

/// <summary>
/// Runs inbox turns on a few dedicated threads at a lower CPU priority (Linux nice 10): answers can wait a little,
/// Slack's acknowledgements cannot (3 s, then retries), and both share the same cores. Our code's continuations come
/// back here (await resumes on the current scheduler), so a backlog of turns yields the CPU to the request path
/// instead of queueing in front of it. Where lowering a thread's priority is not possible, the threads run as normal.
/// </summary>
public sealed class BackgroundTurnScheduler : TaskScheduler, IDisposable
{
    private const int Nice = 10;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;

    public BackgroundTurnScheduler(int threads)
    {
        _threads = Enumerable.Range(0, threads).Select(i => new Thread(Run) { IsBackground = true, Name = $"slack-turns-{i}" }).ToArray();
        foreach (var t in _threads)
        {
            t.Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    protected override void QueueTask(Task task) => _queue.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Array.IndexOf(_threads, Thread.CurrentThread) >= 0 && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Run()
    {
        if (OperatingSystem.IsLinux())
        {
            // On Linux, PRIO_PROCESS with who = 0 sets the calling thread's nice value only.
            _ = SetPriority(0, 0, Nice);
        }

        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code for its generated stub; three ints marshal as they are.
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int prio);
#pragma warning restore SYSLIB1054

    public void Dispose() => _queue.CompleteAdding();
}
