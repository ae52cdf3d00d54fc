using ComplianceOs.BotHost.Cli;
using ComplianceOs.BotHost.Configuration;
using ComplianceOs.BotHost.Evidence;
using ComplianceOs.BotHost.Health;
using ComplianceOs.BotHost.Slack;
using ComplianceOs.BotHost.Teams;
using ComplianceOs.Domain;
using ComplianceOs.Jobs.Dashboard;
using ComplianceOs.Jobs.Hosting;
using ComplianceOs.Rag;

if (args.Length > 0 && AdminCommands.Names.Contains(args[0]))
{
    return await AdminCommands.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOptions<DatabaseOptions>()
    .BindConfiguration(DatabaseOptions.Section)
    .ValidateDataAnnotations()
    .ValidateOnStart();
var connectionString = builder.Configuration.GetConnectionString("ComplianceDb");
builder.Services.AddDomainModule(string.IsNullOrWhiteSpace(connectionString) ? "Host=unconfigured" : connectionString);
builder.Services.AddRag(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddTeamsChannel(builder.Configuration);
builder.Services.AddSlackChannel(builder.Configuration);

// Hangfire on the same database; this process runs a server unless Jobs:ServerEnabled is false (a separate
// worker, dotnet run --project src/Jobs, then does the work).
builder.Services.AddComplianceJobs(builder.Configuration, string.IsNullOrWhiteSpace(connectionString) ? "Host=unconfigured" : connectionString);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealth();
app.MapTeamsMessages();
app.MapSlack();
app.MapEvidenceDownloads();
app.MapJobsDashboard();
app.MapGet("/", () => Results.Text("Compliance OS bot host. GET /health for status.", "text/plain"));

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
