using ComplianceOs.Domain.EvidenceVault.Storage;

namespace ComplianceOs.Domain.Tests.EvidenceVault;

public sealed class StaleStagingCleanupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cos-staging-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Sweep_RemovesOnlyStagedFilesOlderThanTheCutoff_IncludingReadOnlyOnes()
    {
        var now = DateTime.UtcNow;
        var stale = Path.Combine(_folder, "stale");
        var readOnly = Path.Combine(_folder, "stale-read-only");
        var fresh = Path.Combine(_folder, "fresh");
        foreach (var f in new[] { stale, readOnly, fresh })
        {
            File.WriteAllText(f, "bytes");
        }

        File.SetLastWriteTimeUtc(stale, now.AddHours(-7));
        File.SetLastWriteTimeUtc(readOnly, now.AddDays(-2));
        File.SetAttributes(readOnly, FileAttributes.ReadOnly);
        File.SetLastWriteTimeUtc(fresh, now.AddMinutes(-5));

        Assert.Equal(2, StaleStagingCleanup.Sweep(_folder, now - StaleStagingCleanup.MaxAge));
        Assert.Equal(["fresh"], Directory.EnumerateFiles(_folder).Select(Path.GetFileName));
        Assert.Equal(0, StaleStagingCleanup.Sweep(Path.Combine(_folder, "missing"), now));
    }
}
