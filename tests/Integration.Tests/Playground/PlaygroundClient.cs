using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ComplianceOs.Integration.Tests.Playground;

/// <summary>
/// Drives a running Agents Playground the way its web UI does: <c>GET /_internal/v1/config</c> for the ids, the
/// conversation stream WebSocket for everything the bot posts, <c>POST .../messages</c> to type, and
/// <c>POST /_conversation/v1/invoke</c> to press an Action.Execute button (its HTTP response is the bot's invoke response).
/// </summary>
internal sealed class PlaygroundClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly List<JsonObject> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;

    private PlaygroundClient(string baseUrl)
    {
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }

    /// <summary>The Playground's <c>currentUser.id</c> (channel user id, not the AAD object id).</summary>
    public string UserId { get; private set; } = string.Empty;

    public string PersonalChatId { get; private set; } = string.Empty;

    public JsonObject Config { get; private set; } = [];

    /// <summary>Every stream event received so far (for failure messages).</summary>
    public string Seen
    {
        get
        {
            lock (_seen)
            {
                return string.Join('\n', _seen.Select(e => e.ToJsonString()));
            }
        }
    }

    public static async Task<PlaygroundClient> ConnectAsync(string baseUrl)
    {
        var client = new PlaygroundClient(baseUrl);
        try
        {
            var config = JsonNode.Parse(await client._http.GetStringAsync("/_internal/v1/config"))!.AsObject();
            client.Config = config;
            client.UserId = config["config"]!["currentUser"]!["id"]!.GetValue<string>();
            client.PersonalChatId = config["config"]!["personalChat"]!["id"]!.GetValue<string>();

            var ws = new UriBuilder(baseUrl) { Scheme = "ws", Path = "/_ws_conversation/v1/conversations/stream" }.Uri;
            using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client._socket.ConnectAsync(ws, connect.Token);
            client._reader = Task.Run(client.ReadAsync);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Types a message into the personal chat, as the current user.</summary>
    public async Task<JsonObject> SendAsync(string text)
    {
        var body = new JsonObject { ["from"] = new JsonObject { ["id"] = UserId }, ["text"] = text, ["textFormat"] = "plain" };
        using var response = await _http.PostAsync($"/_conversation/v1/conversations/{Uri.EscapeDataString(PersonalChatId)}/messages", Json(body));
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sending \"{text}\" to the Playground: HTTP {(int)response.StatusCode} {answer}");
        return JsonNode.Parse(answer)!.AsObject();
    }

    /// <summary>Presses an Action.Execute of the card message <paramref name="replyToId"/>; returns the HTTP status and body.</summary>
    public async Task<(int Status, string Body)> InvokeAsync(string replyToId, JsonObject action)
    {
        var body = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["conversation"] = new JsonObject { ["id"] = PersonalChatId },
            ["from"] = new JsonObject { ["id"] = UserId },
            ["replyToId"] = replyToId,
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["title"] = action["title"]?.DeepClone(),
                    ["verb"] = action["verb"]?.DeepClone(),
                    ["data"] = action["data"]?.DeepClone() ?? new JsonObject(),
                },
            },
        };
        using var response = await _http.PostAsync("/_conversation/v1/invoke", Json(body));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits for the first stream event (seen before or arriving later) that matches.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, TimeSpan timeout, string what)
    {
        lock (_seen)
        {
            if (_seen.FirstOrDefault(match) is { } earlier)
            {
                return earlier;
            }
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _events.Reader.WaitToReadAsync(cts.Token))
            {
                while (_events.Reader.TryRead(out var e))
                {
                    if (match(e))
                    {
                        return e;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"No {what} on the Playground's stream within {timeout}. Seen:\n{Seen}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var close = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", close.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        if (_reader is not null)
        {
            await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(2)));
        }

        _socket.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                if (JsonNode.Parse(text) is JsonObject e)
                {
                    lock (_seen)
                    {
                        _seen.Add(e);
                    }

                    _events.Writer.TryWrite(e);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or System.Text.Json.JsonException)
        {
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
