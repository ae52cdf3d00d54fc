using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ComplianceOs.BotHost.Teams.Auth;

/// <summary>
/// Caches the Bot Framework channel signing keys, with their <c>endorsements</c>, discovered through
/// <see cref="BotOptions.OpenIdMetadataUrl"/> → <c>jwks_uri</c>.
/// Guarantees: keys are refreshed when older than 24 h; an unknown <c>kid</c> triggers at most one extra refresh per
/// 5 minutes; at most one fetch runs at a time (concurrent callers wait for it and reuse its result); a failed refresh
/// keeps the last good key set and logs a warning with no URL secrets or response bodies; after a failure with no
/// usable keys, scheduled fetches are retried at most once per minute. Thread-safe; register as a singleton.
/// </summary>
public sealed partial class OpenIdKeyCache : IDisposable
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client used by <see cref="BotAuthenticationServiceCollectionExtensions"/>.</summary>
    public const string HttpClientName = "ComplianceOs.Bot.OpenId";

    /// <summary>How long a fetched key set is used before it is refreshed.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);

    /// <summary>The minimum time between refreshes triggered by an unknown <c>kid</c>.</summary>
    public static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>The minimum time between scheduled fetch attempts after a failed one.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly HttpClient _http;
    private readonly Uri _metadataUrl;
    private readonly TimeProvider _time;
    private readonly ILogger<OpenIdKeyCache> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Replaced atomically; read without the gate.
    private volatile KeySet? _keys;

    // Guarded by _gate.
    private DateTimeOffset _nextScheduledAttempt = DateTimeOffset.MinValue;
    private DateTimeOffset? _lastUnknownKeyRefresh;

    /// <summary>Creates the cache; <paramref name="http"/> is typically from <see cref="IHttpClientFactory"/>.</summary>
    public OpenIdKeyCache(HttpClient http, IOptions<BotOptions> options, TimeProvider time, ILogger<OpenIdKeyCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _metadataUrl = new Uri(options.Value.OpenIdMetadataUrl, UriKind.Absolute);
    }

    /// <summary>True once a key set has been fetched successfully (it is kept even if later refreshes fail).</summary>
    public bool HasKeys => _keys is not null;

    /// <summary>
    /// The signing key named <paramref name="kid"/> with its endorsements, or null when it is not in the (possibly
    /// refreshed) key set or no key set could be fetched. Never throws for network or document errors.
    /// </summary>
    public async Task<EndorsedSigningKey?> GetKeyAsync(string kid, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(kid))
        {
            return null;
        }

        var keys = _keys;
        if (keys is null || _time.GetUtcNow() - keys.FetchedAt >= RefreshInterval)
        {
            keys = await RefreshAsync(keys, unknownKey: false, cancellationToken).ConfigureAwait(false);
        }

        if (keys is not null && keys.ById.TryGetValue(kid, out var key))
        {
            return key;
        }

        keys = await RefreshAsync(keys, unknownKey: true, cancellationToken).ConfigureAwait(false);
        return keys is not null && keys.ById.TryGetValue(kid, out key) ? key : null;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<KeySet?> RefreshAsync(KeySet? seen, bool unknownKey, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _keys;
            if (!ReferenceEquals(current, seen))
            {
                return current; // another caller refreshed while this one waited
            }

            var now = _time.GetUtcNow();
            if (unknownKey)
            {
                if (_lastUnknownKeyRefresh is { } last && now - last < UnknownKeyRefreshInterval)
                {
                    return current;
                }

                _lastUnknownKeyRefresh = now;
            }
            else if (now < _nextScheduledAttempt)
            {
                return current;
            }

            try
            {
                var fresh = await FetchAsync(now, cancellationToken).ConfigureAwait(false);
                _keys = fresh;
                _nextScheduledAttempt = DateTimeOffset.MinValue;
                LogKeysRefreshed(_logger, fresh.ById.Count, _metadataUrl.Host);
                return fresh;
            }
            catch (Exception ex) when (IsFetchFailure(ex, cancellationToken))
            {
                _nextScheduledAttempt = now + RetryAfterFailure;
                LogRefreshFailed(_logger, ex.GetType().Name, _metadataUrl.Host, current?.ById.Count ?? 0);
                return current;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool IsFetchFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or JsonException or InvalidDataException or ArgumentException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private async Task<KeySet> FetchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var metadataJson = await _http.GetStringAsync(_metadataUrl, cancellationToken).ConfigureAwait(false);
        string? jwksUri;
        using (var metadata = JsonDocument.Parse(metadataJson))
        {
            jwksUri = metadata.RootElement.ValueKind == JsonValueKind.Object
                && metadata.RootElement.TryGetProperty("jwks_uri", out var value)
                && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }

        if (!BotOptionsValidator.IsAllowedFetchUrl(jwksUri))
        {
            throw new InvalidDataException("The OpenID metadata has no usable jwks_uri.");
        }

        var jwksJson = await _http.GetStringAsync(new Uri(jwksUri!, UriKind.Absolute), cancellationToken).ConfigureAwait(false);
        return new KeySet(ParseKeys(jwksJson), now);
    }

    /// <summary>Parses a JWKS document, keeping RSA keys that have a <c>kid</c>, with their endorsements.</summary>
    internal static Dictionary<string, EndorsedSigningKey> ParseKeys(string jwksJson)
    {
        using var document = JsonDocument.Parse(jwksJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("keys", out var keys)
            || keys.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The JWKS has no keys array.");
        }

        var byId = new Dictionary<string, EndorsedSigningKey>(StringComparer.Ordinal);
        foreach (var element in keys.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var jwk = new JsonWebKey(element.GetRawText());
            if (string.IsNullOrEmpty(jwk.Kid) || !string.Equals(jwk.Kty, JsonWebAlgorithmsKeyTypes.RSA, StringComparison.Ordinal))
            {
                continue;
            }

            var endorsements = element.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!)
                    .ToArray()
                : [];
            byId[jwk.Kid] = new EndorsedSigningKey(jwk.Kid, jwk, endorsements);
        }

        return byId;
    }

    private sealed record KeySet(IReadOnlyDictionary<string, EndorsedSigningKey> ById, DateTimeOffset FetchedAt);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Bot Framework signing keys refreshed: {KeyCount} keys from {MetadataHost}")]
    private static partial void LogKeysRefreshed(ILogger logger, int keyCount, string metadataHost);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Bot Framework signing key refresh from {MetadataHost} failed ({ErrorType}); keeping the last good set of {KeyCount} keys")]
    private static partial void LogRefreshFailed(ILogger logger, string errorType, string metadataHost, int keyCount);
}
