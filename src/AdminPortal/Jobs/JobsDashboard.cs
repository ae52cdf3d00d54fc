using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.Jobs.Dashboard;
using ComplianceOs.Jobs.Hosting;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace ComplianceOs.AdminPortal.Jobs;

/// <summary>
/// The Jobs project's Hangfire dashboard at <see cref="DashboardAccess.Path"/>, for platform operators. The portal
/// reads Hangfire's storage (the <c>hangfire</c> schema of ConnectionStrings:ComplianceDb, as the bot host's server
/// writes it) and never runs a server: no <c>AddHangfireServer</c>, so no job ever executes in this process.
/// </summary>
public static class JobsDashboard
{
    public const string Title = "Compliance OS jobs";

    /// <summary>Hangfire's dashboard services and the storage it reads; nothing that processes jobs.</summary>
    public static IServiceCollection AddJobsDashboard(this IServiceCollection services, string connectionString)
    {
        // The portal's own storage instance, handed to the dashboard and registered before AddHangfire (whose
        // TryAdd then keeps it): the process-wide JobStorage.Current is left to whatever runs jobs in this process.
        // The poll interval only paces workers fetching jobs, which the dashboard never does.
        var options = JobsModule.StorageOptions(new JobsOptions().PollInterval);
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options));
        services.AddHangfire(config => config.UseComplianceSerialization());
        return services;
    }

    /// <summary>
    /// Maps the dashboard. Anyone not signed in is sent to sign in (the endpoint requires a signed-in principal);
    /// a signed-in principal that is not an operator gets 403 from <see cref="OperatorsOnlyFilter"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapOperatorJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        var storage = endpoints.ServiceProvider.GetRequiredService<JobStorage>();
        var options = new Hangfire.DashboardOptions
        {
            Authorization = [new OperatorsOnlyFilter()],
            DashboardTitle = Title,
            AppPath = "/",
            // The dashboard's retry and delete buttons post with the portal's antiforgery token (its X-CSRF-TOKEN header).
            IgnoreAntiforgeryToken = false,
        };
        return endpoints.MapHangfireDashboard(DashboardAccess.Path, options, storage).RequireAuthorization(PortalPolicies.Anyone);
    }
}
