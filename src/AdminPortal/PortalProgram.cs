using ComplianceOs.AdminPortal.Cli;

namespace ComplianceOs.AdminPortal;

/// <summary>The admin portal's process: a command (<see cref="PortalCommands"/>) or the web host.</summary>
public static class PortalProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && PortalCommands.Names.Contains(args[0]))
        {
            return await PortalCommands.RunAsync(args);
        }

        var app = PortalApp.Build(args);
        await app.RunAsync();
        return 0;
    }
}
