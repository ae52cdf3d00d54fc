using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComplianceOs.Domain.EvidenceVault.Storage;

public static class EvidenceStorageModule
{
    /// <summary>
    /// The evidence store, one per process: Azure Blob Storage when <c>Evidence:BlobConnectionString</c> is set, else
    /// the local folder <c>Evidence:LocalPath</c>. The settings are checked at start, and the blob container is created
    /// at start when missing (an unreachable storage account is logged, not fatal: the first upload tries again).
    /// </summary>
    public static IServiceCollection AddEvidenceStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EvidenceStorageOptions>().Bind(configuration.GetSection(EvidenceStorageOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvidenceStorageOptions>, EvidenceStorageOptionsValidator>());
        services.TryAddSingleton<IEvidenceStore>(CreateStore);
        services.AddHostedService<EvidenceContainerCheck>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<StaleStagingCleanup>();
        return services;
    }

    private static IEvidenceStore CreateStore(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EvidenceStorageOptions>>().Value;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        if (options.UsesBlobStorage)
        {
            var container = new BlobServiceClient(options.BlobConnectionString).GetBlobContainerClient(options.Container);
            // Local copies of uploads in progress (for inspection) live in the machine's temp folder, never in the repo.
            var copies = Path.Combine(Path.GetTempPath(), "complianceos-evidence-staging");
            return new AzureBlobEvidenceStore(container, copies, loggers.CreateLogger<AzureBlobEvidenceStore>());
        }

        var contentRoot = services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
        return new LocalFolderEvidenceStore(Path.GetFullPath(options.LocalPath, contentRoot), loggers.CreateLogger<LocalFolderEvidenceStore>());
    }
}

/// <summary>Creates the blob container at host start, so a wrong account shows in the log before the first upload.</summary>
internal sealed partial class EvidenceContainerCheck(IEvidenceStore store, ILogger<EvidenceContainerCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is not AzureBlobEvidenceStore azure)
        {
            return;
        }

        try
        {
            await azure.EnsureContainerAsync(cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or IOException)
        {
            LogUnreachable(logger, e.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6121, Level = LogLevel.Warning, Message = "Evidence blob container could not be checked at start ({Failure}); uploads will try again")]
    private static partial void LogUnreachable(ILogger logger, string failure);
}
