using ComplianceOs.Domain;
using ComplianceOs.Jobs.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ComplianceOs.Jobs;

/// <summary>
/// A worker of its own: the same jobs as the server inside BotHost, sharing the database's queues, so more machines
/// mean more throughput. ConnectionStrings:ComplianceDb as for the bot host.
/// </summary>
internal static class WorkerProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var connectionString = builder.Configuration.GetConnectionString("ComplianceDb");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("ConnectionStrings:ComplianceDb (the application role's connection string) is required");
            return 2;
        }

        builder.Services.AddDomainModule(connectionString);
        builder.Services.AddComplianceJobs(builder.Configuration, connectionString);
        await builder.Build().RunAsync();
        return 0;
    }
}
