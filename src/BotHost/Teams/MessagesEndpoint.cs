using System.Text.Json;
using ComplianceOs.BotHost.Teams.Auth;
using ComplianceOs.BotHost.Teams.Protocol;

namespace ComplianceOs.BotHost.Teams;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Framework messaging endpoint. Malformed or incomplete activities get 400 with a
/// short reason; a failed authentication 401 with nothing processed; activity types we do not handle 200.
/// </summary>
internal static partial class MessagesEndpoint
{
    private const long MaxBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapTeamsMessages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, BotTokenValidator validator, TeamsBot bot, ILogger<TeamsBot> logger, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: "The activity is too large.");
        }

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, ActivityJson.Options, ct);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The body is not a JSON activity.");
        }
        catch (BadHttpRequestException)
        {
            // The client went away or sent less than it announced: nothing to process, and nothing to log as a fault.
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The request body ended early.");
        }

        if (activity is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The body is not a JSON activity.");
        }

        if (Missing(activity) is { } field)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"The activity has no {field}.");
        }

        var auth = await validator.ValidateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, activity.ChannelId!, activity.ServiceUrl!, ct);
        if (!auth.Succeeded)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "The request is not authenticated.");
        }

        var invokeResponse = await bot.HandleAsync(activity, ct);
        return invokeResponse is null ? Results.Ok() : Results.Json(invokeResponse.Body, statusCode: invokeResponse.Status);
    }

    /// <summary>The first field every activity we process must have, or null.</summary>
    private static string? Missing(Activity a) =>
        string.IsNullOrWhiteSpace(a.Type) ? "type"
        : string.IsNullOrWhiteSpace(a.ChannelId) ? "channelId"
        : string.IsNullOrWhiteSpace(a.ServiceUrl) || !Uri.TryCreate(a.ServiceUrl, UriKind.Absolute, out _) ? "serviceUrl"
        : string.IsNullOrWhiteSpace(a.Conversation?.Id) ? "conversation.id"
        : string.IsNullOrWhiteSpace(a.From?.Id) ? "from.id"
        : null;
}

/// <summary>The body and status of an invoke's HTTP response.</summary>
public sealed record InvokeResponse(int Status, object Body);
