using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Slack;

/// <summary>Fails start-up on Slack settings that would break silently later: a relative API base, a demo workspace without a token.</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http") || !options.ApiBaseUrl.EndsWith('/'))
        {
            failures.Add($"Slack:ApiBaseUrl must be an absolute http(s) URL ending in '/', not '{options.ApiBaseUrl}'.");
        }

        foreach (var (team, workspace) in options.DemoWorkspaces)
        {
            if (string.IsNullOrWhiteSpace(workspace.BotToken))
            {
                failures.Add($"Slack:DemoWorkspaces:{team}:BotToken is empty.");
            }
        }

        if (options.DemoWorkspaces.Count > 0 && !options.IsEnabled)
        {
            failures.Add("Slack:DemoWorkspaces are configured but Slack:SigningSecret is empty, so no Slack request could be verified.");
        }

        if (options.InboxParallelism is < 1 or > 64)
        {
            failures.Add($"Slack:InboxParallelism must be between 1 and 64, not {options.InboxParallelism}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
