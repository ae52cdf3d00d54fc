using ComplianceOs.BotHost.Configuration;
using ComplianceOs.BotHost.Slack.Install;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Channels.Slack.IssueInstallLink;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Masters.SeedCatalog;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Seeding;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.BotHost.Cli;

/// <summary>
/// Operator commands run by the set-up scripts: <c>migrate</c>, <c>seed-catalog</c> (the global catalog), <c>seed-demo [--today YYYY-MM-DD]</c> (catalog, demo world and its obligations),
/// <c>verify-audit [--tenant id]</c>, <c>slack-install-link &lt;tenant-id&gt; [--by NAME]</c> (prints a single-use Slack install URL).
/// Exit code 0 on success, 1 on failure, 2 on bad usage.
/// </summary>
internal static class AdminCommands
{
    public static readonly string[] Names = ["migrate", "seed-catalog", "seed-demo", "verify-audit", "slack-install-link"];

    public static async Task<int> RunAsync(string[] args)
    {
        // Configuration comes from appsettings.json beside the binary and from environment variables (Section__Key).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(options),
                "seed-catalog" => await SeedCatalogAsync(options, builder),
                "seed-demo" => await SeedAsync(options, args, builder),
                "verify-audit" => await VerifyAsync(options, args, builder),
                "slack-install-link" => await SlackInstallLinkAsync(options, args, builder),
                _ => Usage($"unknown command '{args[0]}'"),
            };
        }
        catch (ArgumentException ex)
        {
            return Usage(ex.Message);
        }
    }

    private static async Task<int> MigrateAsync(DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ComplianceDbOwner))
        {
            return Usage("ConnectionStrings:ComplianceDbOwner (the schema owner's connection string) is required to migrate");
        }

        var applied = await DatabaseMigrator.MigrateAsync(options.ComplianceDbOwner);
        Console.WriteLine(applied.Count == 0 ? "migrate: database is up to date" : $"migrate: applied {string.Join(", ", applied)}");
        await ComplianceOs.Jobs.Hosting.HangfireSchema.InstallAsync(options.ComplianceDbOwner);
        Console.WriteLine($"migrate: Hangfire schema '{ComplianceOs.Jobs.Hosting.HangfireSchema.Name}' installed or up to date");
        return 0;
    }

    private static async Task<int> SeedCatalogAsync(DatabaseOptions options, HostApplicationBuilder builder)
    {
        using var host = Build(builder, options);
        var result = await host.Services.GetRequiredService<SeedCatalogHandler>()
            .HandleAsync(new PlatformContext(Actor.System("seed-catalog"), Channel.Cli, "seed-catalog"));
        Console.WriteLine($"seed-catalog: {result.Value!.Created} created, {result.Value.Updated} updated, {result.Value.Unchanged} unchanged");
        return 0;
    }

    private static async Task<int> SeedAsync(DatabaseOptions options, string[] args, HostApplicationBuilder builder)
    {
        var today = ArgValue(args, "--today") is { } text
            ? LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : throw new ArgumentException($"--today '{text}' is not a date (YYYY-MM-DD)")
            : SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]).Date;

        using var host = Build(builder, options);
        var lines = await host.Services.GetRequiredService<DemoSeed>().RunAsync(today);
        foreach (var line in lines)
        {
            Console.WriteLine($"seed-demo: {line}");
        }

        Console.WriteLine($"seed-demo: demo world ready as of {today:uuuu-MM-dd}");
        return 0;
    }

    private static async Task<int> VerifyAsync(DatabaseOptions options, string[] args, HostApplicationBuilder builder)
    {
        using var host = Build(builder, options);
        var dbs = host.Services.GetRequiredService<ComplianceDbFactory>();
        var verifier = host.Services.GetRequiredService<AuditChainVerifier>();

        List<Guid> tenants;
        if (ArgValue(args, "--tenant") is { } t)
        {
            tenants = [Guid.TryParse(t, out var id) ? id : throw new ArgumentException($"--tenant '{t}' is not a tenant id")];
        }
        else
        {
            await using var platform = dbs.ForPlatform();
            await using var tx = await platform.Database.BeginTransactionAsync();
            tenants = await platform.Tenants.OrderBy(x => x.Name).Select(x => x.Id).ToListAsync();
            tenants.Add(AuditLog.PlatformChain);
        }

        var intact = true;
        foreach (var tenantId in tenants)
        {
            await using var db = tenantId == AuditLog.PlatformChain ? dbs.ForPlatform() : dbs.ForTenant(tenantId);
            var report = await verifier.VerifyAsync(db, tenantId);
            var label = tenantId == AuditLog.PlatformChain ? "platform" : tenantId.ToString();
            Console.WriteLine(report.IsIntact
                ? $"verify-audit: {label}: intact, {report.EntriesChecked} entries"
                : $"verify-audit: {label}: BROKEN at entry {report.FirstBreak!.Sequence}: {report.FirstBreak.Reason}");
            intact &= report.IsIntact;
        }

        return intact ? 0 : 1;
    }

    private static async Task<int> SlackInstallLinkAsync(DatabaseOptions options, string[] args, HostApplicationBuilder builder)
    {
        var tenantId = args.Length > 1 && Guid.TryParse(args[1], out var id) ? id : throw new ArgumentException("slack-install-link needs a tenant id");
        var by = ArgValue(args, "--by") is { Length: > 0 } name ? name : Environment.UserName;
        builder.Services.AddSlackInstall(builder.Configuration);
        using var host = Build(builder, options);
        CommandResult<SlackInstallLinkIssued> result;
        try
        {
            result = await host.Services.GetRequiredService<IssueSlackInstallLinkHandler>().HandleAsync(
                new CommandContext(tenantId, Actor.System($"cli:{by}"), Channel.Cli, "slack-install-link"), new IssueSlackInstallLinkCommand(by));
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            Console.Error.WriteLine($"slack-install-link: {string.Join(" ", ex.Failures)}");
            return 1;
        }

        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"slack-install-link: {string.Join("; ", result.Errors.Select(e => e.Message))}");
            return 1;
        }

        // The URL alone on stdout, so scripts can capture it.
        Console.WriteLine(result.Value!.Url);
        Console.Error.WriteLine($"slack-install-link: single use, valid until {result.Value.ExpiresAt}");
        return 0;
    }

    private static IHost Build(HostApplicationBuilder builder, DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ComplianceDb))
        {
            throw new ArgumentException("ConnectionStrings:ComplianceDb (the application role's connection string) is required");
        }

        builder.Services.AddDomainModule(options.ComplianceDb);
        return builder.Build();
    }

    private static string? ArgValue(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"error: {problem}");
        Console.Error.WriteLine("usage: ComplianceOs.BotHost migrate | seed-catalog | seed-demo [--today YYYY-MM-DD] | verify-audit [--tenant <id>] | slack-install-link <tenant-id> [--by NAME]");
        return 2;
    }
}
