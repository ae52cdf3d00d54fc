using ComplianceOs.Domain.EvidenceVault.Storage;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ComplianceOs.Integration.Tests.EvidenceVault;

/// <summary>
/// <c>AddEvidenceStorage</c> as a host uses it: the store follows <c>Evidence:*</c>, the settings are checked at start,
/// and the blob container is created at start.
/// </summary>
public sealed class EvidenceStoreRegistrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "complianceos-evidence-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_contentRoot))
        {
            foreach (var file in Directory.EnumerateFiles(_contentRoot, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(_contentRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_connection_string_evidence_goes_to_a_folder_under_the_content_root()
    {
        using var host = Build([]);
        await host.StartAsync();

        var store = Assert.IsType<LocalFolderEvidenceStore>(host.Services.GetRequiredService<IEvidenceStore>());
        Assert.Equal(Path.Combine(_contentRoot, ".local", "evidence"), store.Root);
        var options = host.Services.GetRequiredService<IOptions<EvidenceStorageOptions>>().Value;
        Assert.Equal(10 * 1024 * 1024, options.MaxUploadBytes);
        Assert.Equal("evidence", options.Container);

        var staged = (await store.StageAsync("t/e/v1", new TestUpload([1, 2, 3]), options.MaxUploadBytes, CancellationToken.None)).Staged!;
        await store.CommitAsync(staged, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(_contentRoot, ".local", "evidence", "t", "e", "v1")));
        await host.StopAsync();
    }

    [Fact]
    public async Task With_a_connection_string_evidence_goes_to_blob_storage_and_the_container_is_made_at_start()
    {
        var container = $"evidence-{Guid.NewGuid():N}"[..30];
        using var host = Build(new()
        {
            ["Evidence:BlobConnectionString"] = azurite.Emulator.ConnectionString,
            ["Evidence:Container"] = container,
        });
        var blobs = azurite.Emulator.Client().GetBlobContainerClient(container);
        Assert.False((await blobs.ExistsAsync()).Value);

        await host.StartAsync();

        Assert.IsType<AzureBlobEvidenceStore>(host.Services.GetRequiredService<IEvidenceStore>());
        Assert.True((await blobs.ExistsAsync()).Value);
        Assert.False(Directory.Exists(Path.Combine(_contentRoot, ".local")));
        await host.StopAsync();
        await blobs.DeleteAsync();
    }

    [Theory]
    [InlineData("Evidence:Container", "Evidence_Files", "Evidence:Container")]
    [InlineData("Evidence:Container", "ab", "Evidence:Container")]
    [InlineData("Evidence:Container", "a--b", "Evidence:Container")]
    [InlineData("Evidence:MaxUploadBytes", "0", "Evidence:MaxUploadBytes")]
    [InlineData("Evidence:BlobConnectionString", "AccountKey=secret-looking-value", "Evidence:BlobConnectionString")]
    public async Task Unusable_settings_stop_the_host_at_start(string setting, string value, string named)
    {
        using var host = Build(new() { [setting] = value });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-looking-value", failure.Message, StringComparison.Ordinal);
    }

    private IHost Build(Dictionary<string, string?> settings)
    {
        Directory.CreateDirectory(_contentRoot);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _contentRoot });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEvidenceStorage(builder.Configuration);
        return builder.Build();
    }
}
