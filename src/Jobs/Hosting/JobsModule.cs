using ComplianceOs.Jobs.Generation;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplianceOs.Jobs.Hosting;

public static class JobsModule
{
    /// <summary>
    /// Hangfire on PostgreSQL (schema <c>hangfire</c> of <paramref name="connectionString"/>'s database), the jobs,
    /// the recurring schedule, and — unless <c>Jobs:ServerEnabled</c> is false — a server in this process.
    /// </summary>
    public static IServiceCollection AddComplianceJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();

        if (!options.ServerEnabled && !options.Dashboard.Enabled)
        {
            // Nothing here runs or shows jobs: leave Hangfire's process-wide configuration (storage, log provider)
            // alone, as a host that only serves chat should.
            return services;
        }

        services.AddSingleton(_ => new JobsDataSource(NpgsqlDataSource.Create(connectionString)));
        services.AddSingleton<TenantJobs>();
        services.AddSingleton<FanOutJobs>();
        services.AddHangfire((_, config) => config
            .UseComplianceSerialization()
            .UsePostgreSqlStorage(c => c.UseNpgsqlConnection(connectionString), StorageOptions(options.PollInterval)));
        if (options.ServerEnabled)
        {
            services.AddHangfireServer((_, server) =>
            {
                server.WorkerCount = options.WorkerCount;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
            services.AddHostedService<RecurringSchedule>();
        }

        return services;
    }

    /// <summary>How every process serializes jobs; a process that shows them (a dashboard) must read them alike.</summary>
    public static IGlobalConfiguration UseComplianceSerialization(this IGlobalConfiguration config) => config
        .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings();

    /// <summary>Hangfire's tables in schema <see cref="HangfireSchema.Name"/>, never created or changed by a process at start.</summary>
    public static PostgreSqlStorageOptions StorageOptions(TimeSpan pollInterval) => new()
    {
        SchemaName = HangfireSchema.Name,
        PrepareSchemaIfNecessary = false,
        QueuePollInterval = pollInterval,
    };
}

/// <summary>Registers (or updates) the recurring fan-outs when a server starts; every server agrees on the same ids.</summary>
internal sealed class RecurringSchedule(IRecurringJobManager recurring, IOptions<JobsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<FanOutJobs>(FanOutJobs.GenerateAll, j => j.GenerateAllAsync(CancellationToken.None), options.Value.GenerateCron);
        recurring.AddOrUpdate<FanOutJobs>(FanOutJobs.RecomputeAll, j => j.RecomputeAllAsync(CancellationToken.None), options.Value.RecomputeCron);
        recurring.AddOrUpdate<FanOutJobs>(FanOutJobs.RemindAll, j => j.RemindAllAsync(CancellationToken.None), options.Value.RemindCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
