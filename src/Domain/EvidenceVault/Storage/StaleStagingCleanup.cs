using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Domain.EvidenceVault.Storage;

/// <summary>A store whose staged uploads (or their local copies) are files in one folder.</summary>
internal interface ILocalStaging
{
    string Folder { get; }
}

/// <summary>
/// Staged files are removed when their upload is committed or abandoned; a process that died mid-upload leaves
/// them behind. At start and every hour, files in the staging folder older than <see cref="MaxAge"/> (no upload
/// takes that long) are deleted. Committed evidence is never in that folder. Azure's uncommitted blocks of such an
/// upload are dropped by the service itself after 7 days.
/// </summary>
internal sealed partial class StaleStagingCleanup(IEvidenceStore store, TimeProvider clock, ILogger<StaleStagingCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not ILocalStaging staging)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            var removed = Sweep(staging.Folder, clock.GetUtcNow().UtcDateTime - MaxAge);
            if (removed > 0)
            {
                LogRemoved(logger, removed);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes files last written before <paramref name="before"/> (UTC); returns how many.</summary>
    internal static int Sweep(string folder, DateTime before)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            try
            {
                if (file.LastWriteTimeUtc < before)
                {
                    file.Attributes = FileAttributes.Normal;
                    file.Delete();
                    removed++;
                }
            }
            catch (IOException)
            {
                // In use or already gone: the next sweep decides.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return removed;
    }

    [LoggerMessage(EventId = 6122, Level = LogLevel.Information, Message = "Removed {Count} staged evidence files left by interrupted uploads")]
    private static partial void LogRemoved(ILogger logger, int count);
}
