using System.Net.Http.Json;
using System.Text.Json.Serialization;
using ComplianceOs.BotHost.Teams.Auth;
using Microsoft.Extensions.Options;

namespace ComplianceOs.BotHost.Teams.Connector;

/// <summary>
/// Client-credentials tokens for calls to the Bot Connector: one cached token, refreshed five minutes before it
/// expires, one refresh in flight at a time. In anonymous mode there is no token and calls carry none.
/// The token endpoint is <c>Bot:TokenEndpoint</c> when set, else the bot's home tenant authority (single-tenant)
/// or <c>botframework.com</c>.
/// </summary>
public sealed partial class ConnectorTokenProvider(HttpClient http, IOptions<BotOptions> options, TimeProvider clock, ILogger<ConnectorTokenProvider> logger)
{
    private static readonly TimeSpan RefreshEarly = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    /// <returns>The bearer token, or null in anonymous mode.</returns>
    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.AppId))
        {
            return null;
        }

        if (_token is { } cached && clock.GetUtcNow() < _expiresAt - RefreshEarly)
        {
            return cached;
        }

        await _refresh.WaitAsync(ct);
        try
        {
            if (_token is { } fresh && clock.GetUtcNow() < _expiresAt - RefreshEarly)
            {
                return fresh;
            }

            var scope = o.OAuthScope.EndsWith("/.default", StringComparison.Ordinal) ? o.OAuthScope : o.OAuthScope.TrimEnd('/') + "/.default";
            var endpoint = string.IsNullOrWhiteSpace(o.TokenEndpoint)
                ? $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(o.AppTenantId) ? "botframework.com" : o.AppTenantId)}/oauth2/v2.0/token"
                : o.TokenEndpoint;
            using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = o.AppId,
                ["client_secret"] = o.AppPassword,
                ["scope"] = scope,
            }), ct);
            if (!response.IsSuccessStatusCode)
            {
                LogTokenFailed(logger, (int)response.StatusCode);
                throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(ct)
                ?? throw new HttpRequestException("The token endpoint answered without a token.");
            _token = body.AccessToken;
            _expiresAt = clock.GetUtcNow().AddSeconds(body.ExpiresIn > 0 ? body.ExpiresIn : 3600);
            return _token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Connector token request failed with HTTP {Status}")]
    private static partial void LogTokenFailed(ILogger logger, int status);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
