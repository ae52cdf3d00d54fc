using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ComplianceOs.BotHost.Slack.Api;

/// <summary>
/// The outcome of one Slack Web API call. <see cref="Ok"/> is Slack's own <c>ok</c> flag, not the HTTP status;
/// when false, <see cref="Error"/> is Slack's error code (<c>channel_not_found</c>, <c>invalid_auth</c>, …) or one
/// of ours from <see cref="SlackApiErrors"/>. <see cref="Body"/> is the parsed answer (undefined when there was none).
/// </summary>
public sealed record SlackApiResult(bool Ok, string? Error, JsonElement Body)
{
    public static SlackApiResult Failure(string error) => new(false, error, default);

    /// <summary>Projects a successful body; a successful answer that lacks what the projection needs is <c>invalid_response</c>.</summary>
    public SlackApiResult<T> Map<T>(Func<JsonElement, T?> project)
        where T : class
    {
        if (!Ok)
        {
            return SlackApiResult<T>.Failure(Error ?? SlackApiErrors.InvalidResponse);
        }

        return project(Body) is { } value ? SlackApiResult<T>.Success(value) : SlackApiResult<T>.Failure(SlackApiErrors.InvalidResponse);
    }
}

/// <summary>A typed Slack answer: <see cref="Value"/> is set exactly when <see cref="Ok"/> is true.</summary>
public sealed record SlackApiResult<T>([property: MemberNotNullWhen(true, "Value")] bool Ok, string? Error, T? Value)
    where T : class
{
    public static SlackApiResult<T> Success(T value) => new(true, null, value);

    public static SlackApiResult<T> Failure(string error) => new(false, error, null);
}
