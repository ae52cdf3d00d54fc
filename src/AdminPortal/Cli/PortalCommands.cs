using ComplianceOs.AdminPortal.Accounts;
using ComplianceOs.Domain;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Seeding;
using Microsoft.AspNetCore.Identity;

namespace ComplianceOs.AdminPortal.Cli;

/// <summary>
/// <c>demo-passwords</c>: gives the demo world's portal accounts — Anita Desai (Acme's admin), Suresh Iyer (Bharat's
/// admin) and the platform operator — the passwords in <c>COMPLIANCE_PORTAL_PASSWORD_ANITA</c>, <c>_SURESH</c> and
/// <c>_OPERATOR</c> (run.sh makes them once per checkout and prints them). Exit 0 on success, 1 on failure, 2 on bad usage.
/// </summary>
internal static class PortalCommands
{
    public static readonly string[] Names = ["demo-passwords"];

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        var connection = builder.Configuration.GetConnectionString("ComplianceDb");
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine("demo-passwords: ConnectionStrings:ComplianceDb is not set");
            return 2;
        }

        var wanted = new[] { "ANITA", "SURESH", "OPERATOR" }.ToDictionary(n => n, n => Environment.GetEnvironmentVariable($"COMPLIANCE_PORTAL_PASSWORD_{n}"));
        if (wanted.Values.Any(string.IsNullOrEmpty))
        {
            Console.Error.WriteLine("demo-passwords: set COMPLIANCE_PORTAL_PASSWORD_ANITA, _SURESH and _OPERATOR");
            return 2;
        }

        builder.Services.AddDomainModule(connection)
            .AddSingleton<IPasswordHasher<PortalCredentialUser>, PasswordHasher<PortalCredentialUser>>()
            .AddSingleton<PortalPasswords>();
        using var host = builder.Build();
        var passwords = host.Services.GetRequiredService<PortalPasswords>();
        var cli = Actor.System("demo-passwords");
        var results = new[]
        {
            ("Anita Desai", await passwords.SetForUserAsync(new CommandContext(DemoWorld.Acme.TenantId, cli, Channel.Cli), DemoWorld.Acme.AnitaId, wanted["ANITA"]!)),
            ("Suresh Iyer", await passwords.SetForUserAsync(new CommandContext(DemoWorld.Bharat.TenantId, cli, Channel.Cli), DemoWorld.Bharat.SureshId, wanted["SURESH"]!)),
            ("Platform Operator", await passwords.SetForOperatorAsync(new PlatformContext(cli, Channel.Cli), DemoWorld.OperatorId, wanted["OPERATOR"]!)),
        };
        foreach (var (who, result) in results)
        {
            if (result.Value is null)
            {
                Console.Error.WriteLine($"demo-passwords: {who}: {string.Join("; ", result.Errors)}");
                return 1;
            }

            Console.WriteLine($"demo-passwords: {who} ({result.Value.Email}) set");
        }

        return 0;
    }
}
