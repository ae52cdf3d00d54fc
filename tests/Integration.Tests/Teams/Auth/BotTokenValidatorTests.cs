using System.Security.Cryptography;
using ComplianceOs.BotHost.Teams.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ComplianceOs.Integration.Tests.Teams.Auth;

/// <summary>
/// Inbound Bot Framework authentication against a real local metadata/JWKS server (Kestrel on 127.0.0.1).
/// No database: deliberately not in the "database" collection.
/// </summary>
public sealed class BotTokenValidatorTests : IAsyncLifetime, IDisposable
{
    private const string TeamsKid = "teams-key";
    private const string SlackOnlyKid = "slack-only-key";
    private const string NoEndorsementsKid = "no-endorsements-key";

    // Generated once per test run (2048-bit generation dominates the run time); never disposed while tests run.
    private static readonly RSA TeamsRsa = RSA.Create(2048);
    private static readonly RSA SlackRsa = RSA.Create(2048);
    private static readonly RSA BareRsa = RSA.Create(2048);
    private readonly ManualTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly CapturingLogger<BotTokenValidator> _validatorLog = new();
    private readonly CapturingLogger<OpenIdKeyCache> _cacheLog = new();
    private FakeBotFrameworkServer _server = null!;
    private OpenIdKeyCache _cache = null!;
    private HttpClient _http = null!;

    private DateTimeOffset Now => _time.GetUtcNow();

    public async Task InitializeAsync()
    {
        _server = await FakeBotFrameworkServer.StartAsync(
            new ServedKey(TeamsKid, TeamsRsa, ["msteams", "webchat"]),
            new ServedKey(SlackOnlyKid, SlackRsa, ["slack"]),
            new ServedKey(NoEndorsementsKid, BareRsa, null));
        _http = new HttpClient();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _cache?.Dispose();
        _http?.Dispose();
    }

    [Fact]
    public async Task ValidToken_Succeeds_WithClaims_AndNeverLogsTheToken()
    {
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now);

        var result = await Validator().ValidateAsync($"Bearer {token}", "msteams", BotTokenMinter.ServiceUrl, default);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.False(result.IsAnonymous);
        Assert.Null(result.FailureReason);
        Assert.Equal(BotTokenMinter.AppId, result.Identity!.FindFirst("aud")?.Value);
        Assert.Equal(BotTokenMinter.ServiceUrl, result.Identity.FindFirst("serviceurl")?.Value);
        Assert.Equal(1, _server.MetadataRequests);
        Assert.Equal(1, _server.KeysRequests);
        AssertTokenNotLogged(token);
    }

    [Fact]
    public async Task ExpiredBeyondTheSkew_IsRejected_AsExpired()
    {
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now, notBeforeOffset: TimeSpan.FromHours(-2), expiresOffset: TimeSpan.FromMinutes(-6));
        await AssertRejected(token, BotAuthReasons.Expired);
    }

    [Fact]
    public async Task ExpiredWithinTheSkew_IsAccepted()
    {
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now, notBeforeOffset: TimeSpan.FromHours(-2), expiresOffset: TimeSpan.FromMinutes(-4));
        var result = await Validator().ValidateAsync($"Bearer {token}", "msteams", BotTokenMinter.ServiceUrl, default);
        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task NotYetValidBeyondTheSkew_IsRejected_AsNotYetValid()
    {
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now, notBeforeOffset: TimeSpan.FromMinutes(6), expiresOffset: TimeSpan.FromHours(1));
        await AssertRejected(token, BotAuthReasons.NotYetValid);
    }

    [Fact]
    public async Task WrongIssuer_IsRejected_BeforeAnyKeyFetch()
    {
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now, issuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/");
        await AssertRejected(token, BotAuthReasons.BadIssuer);
        Assert.Equal(0, _server.MetadataRequests);
    }

    [Fact]
    public async Task WrongAudience_IsRejected()
    {
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now, audience: "99999999-0000-0000-0000-000000000000");
        await AssertRejected(token, BotAuthReasons.BadAudience);
    }

    [Fact]
    public async Task UnsignedAlgNone_IsRejected()
    {
        var token = BotTokenMinter.MintUnsigned(TeamsKid, Now);
        await AssertRejected(token, BotAuthReasons.BadAlgorithm);
    }

    [Fact]
    public async Task Hs256Signed_IsRejected()
    {
        var token = BotTokenMinter.MintHs256(TeamsKid, Now);
        await AssertRejected(token, BotAuthReasons.BadAlgorithm);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task Rs384AndRs512_AreAccepted(string algorithm)
    {
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now, algorithm: algorithm);
        var result = await Validator().ValidateAsync($"Bearer {token}", "msteams", BotTokenMinter.ServiceUrl, default);
        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task SignedByAnotherKeyUnderAKnownKid_IsRejected_AsBadSignature()
    {
        using var attacker = RSA.Create(2048);
        var token = BotTokenMinter.Mint(attacker, TeamsKid, Now);
        await AssertRejected(token, BotAuthReasons.BadSignature);
    }

    [Fact]
    public async Task UnknownKid_IsRejected_AndRefetchesTheKeysAtMostOncePerFiveMinutes()
    {
        var validator = Validator();
        var good = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now);
        Assert.True((await validator.ValidateAsync($"Bearer {good}", "msteams", BotTokenMinter.ServiceUrl, default)).Succeeded);
        Assert.Equal(1, _server.KeysRequests);

        using var stranger = RSA.Create(2048);
        var unknown = BotTokenMinter.Mint(stranger, "unknown-kid", Now);
        var first = await validator.ValidateAsync($"Bearer {unknown}", "msteams", BotTokenMinter.ServiceUrl, default);
        Assert.Equal(BotAuthReasons.UnknownKey, first.FailureReason);
        Assert.Equal(2, _server.KeysRequests);
        Assert.Equal(2, _server.MetadataRequests);

        var second = await validator.ValidateAsync($"Bearer {unknown}", "msteams", BotTokenMinter.ServiceUrl, default);
        Assert.Equal(BotAuthReasons.UnknownKey, second.FailureReason);
        Assert.Equal(2, _server.KeysRequests);

        _time.Advance(TimeSpan.FromMinutes(6));
        var later = BotTokenMinter.Mint(stranger, "unknown-kid", Now);
        var third = await validator.ValidateAsync($"Bearer {later}", "msteams", BotTokenMinter.ServiceUrl, default);
        Assert.Equal(BotAuthReasons.UnknownKey, third.FailureReason);
        Assert.Equal(3, _server.KeysRequests);
    }

    [Fact]
    public async Task RotatedInKey_IsPickedUp_ByTheUnknownKidRefresh()
    {
        var validator = Validator();
        var good = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now);
        Assert.True((await validator.ValidateAsync($"Bearer {good}", "msteams", BotTokenMinter.ServiceUrl, default)).Succeeded);

        using var rotated = RSA.Create(2048);
        _server.ServeKeys(new ServedKey("rotated-key", rotated, ["msteams"]));
        var token = BotTokenMinter.Mint(rotated, "rotated-key", Now);
        var result = await validator.ValidateAsync($"Bearer {token}", "msteams", BotTokenMinter.ServiceUrl, default);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, _server.KeysRequests);
    }

    [Fact]
    public async Task KeyEndorsedOnlyForSlack_IsRejected_ForMsTeams()
    {
        var token = BotTokenMinter.Mint(SlackRsa, SlackOnlyKid, Now);
        await AssertRejected(token, BotAuthReasons.NotEndorsed);
    }

    [Fact]
    public async Task KeyWithoutEndorsements_FailsClosed()
    {
        var token = BotTokenMinter.Mint(BareRsa, NoEndorsementsKid, Now);
        await AssertRejected(token, BotAuthReasons.NotEndorsed);
    }

    [Fact]
    public async Task ServiceUrlClaimForAnotherConnector_IsRejected()
    {
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now, serviceUrl: "https://evil.example.com/amer/");
        await AssertRejected(token, BotAuthReasons.ServiceUrlMismatch);
    }

    [Fact]
    public async Task MissingServiceUrlClaim_IsRejected()
    {
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now, serviceUrl: null);
        await AssertRejected(token, BotAuthReasons.MissingServiceUrl);
    }

    [Theory]
    [InlineData("https://SMBA.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net/amer")]
    public async Task ServiceUrl_IsComparedIgnoringCaseAndTrailingSlash(string activityServiceUrl)
    {
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now);
        var result = await Validator().ValidateAsync($"Bearer {token}", "msteams", activityServiceUrl, default);
        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task MissingHeader_WhenAuthIsRequired_IsRejected(string? header)
    {
        var result = await Validator().ValidateAsync(header, "msteams", BotTokenMinter.ServiceUrl, default);
        Assert.False(result.Succeeded);
        Assert.Equal(BotAuthReasons.MissingHeader, result.FailureReason);
    }

    [Theory]
    [InlineData("Basic xyz")]
    [InlineData("Bearer")]
    [InlineData("Token abc.def.ghi")]
    public async Task NonBearerHeader_IsRejected_AsBadScheme(string header)
    {
        var result = await Validator().ValidateAsync(header, "msteams", BotTokenMinter.ServiceUrl, default);
        Assert.Equal(BotAuthReasons.BadScheme, result.FailureReason);
        Assert.Equal(0, _server.MetadataRequests);
    }

    [Fact]
    public async Task GarbageBearerValue_IsRejected_AsMalformed()
    {
        var result = await Validator().ValidateAsync("Bearer not-a-jwt", "msteams", BotTokenMinter.ServiceUrl, default);
        Assert.Equal(BotAuthReasons.MalformedToken, result.FailureReason);
    }

    [Fact]
    public async Task AnonymousMode_AcceptsAMissingHeader()
    {
        var result = await Validator(anonymous: true).ValidateAsync(null, "msteams", BotTokenMinter.ServiceUrl, default);

        Assert.True(result.Succeeded);
        Assert.True(result.IsAnonymous);
        Assert.Equal("anonymous", result.Identity!.AuthenticationType);
    }

    [Fact]
    public async Task AnonymousMode_StillValidatesAPresentHeader()
    {
        var validator = Validator(anonymous: true);

        Assert.Equal(BotAuthReasons.BadScheme, (await validator.ValidateAsync("Basic xyz", "msteams", BotTokenMinter.ServiceUrl, default)).FailureReason);
        Assert.Equal(BotAuthReasons.BadAlgorithm, (await validator.ValidateAsync($"Bearer {BotTokenMinter.MintUnsigned(TeamsKid, Now)}", "msteams", BotTokenMinter.ServiceUrl, default)).FailureReason);

        // Even a genuinely signed token fails: with no app id there is no audience it could match.
        var signed = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now);
        var result = await validator.ValidateAsync($"Bearer {signed}", "msteams", BotTokenMinter.ServiceUrl, default);
        Assert.False(result.Succeeded);
        Assert.Equal(BotAuthReasons.BadAudience, result.FailureReason);
    }

    [Fact]
    public async Task MetadataServerDown_AfterAFirstFetch_KeepsValidatingWithTheLastGoodKeys()
    {
        var validator = Validator();
        var first = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now);
        Assert.True((await validator.ValidateAsync($"Bearer {first}", "msteams", BotTokenMinter.ServiceUrl, default)).Succeeded);

        await _server.StopAsync();
        _time.Advance(TimeSpan.FromHours(25)); // the cache is stale: a refresh is attempted and fails

        var later = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now);
        var result = await validator.ValidateAsync($"Bearer {later}", "msteams", BotTokenMinter.ServiceUrl, default);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Contains(_cacheLog.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("keeping the last good set of 3 keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeysOlderThan24Hours_AreRefetched()
    {
        var validator = Validator();
        var first = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now);
        Assert.True((await validator.ValidateAsync($"Bearer {first}", "msteams", BotTokenMinter.ServiceUrl, default)).Succeeded);

        _time.Advance(TimeSpan.FromHours(23));
        Assert.True((await validator.ValidateAsync($"Bearer {BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now)}", "msteams", BotTokenMinter.ServiceUrl, default)).Succeeded);
        Assert.Equal(1, _server.KeysRequests);

        _time.Advance(TimeSpan.FromHours(2));
        Assert.True((await validator.ValidateAsync($"Bearer {BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now)}", "msteams", BotTokenMinter.ServiceUrl, default)).Succeeded);
        Assert.Equal(2, _server.KeysRequests);
    }

    [Fact]
    public async Task MetadataUnreachableFromTheStart_IsRejected_AsKeysUnavailable()
    {
        await _server.StopAsync();
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now);
        await AssertRejected(token, BotAuthReasons.KeysUnavailable);
    }

    [Fact]
    public async Task ConcurrentColdStart_FetchesTheKeysOnce()
    {
        var validator = Validator();
        var token = BotTokenMinter.Mint(TeamsRsa, TeamsKid, Now);

        var results = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => validator.ValidateAsync($"Bearer {token}", "msteams", BotTokenMinter.ServiceUrl, default))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureReason));
        Assert.Equal(1, _server.MetadataRequests);
        Assert.Equal(1, _server.KeysRequests);
    }

    private BotTokenValidator Validator(bool anonymous = false)
    {
        var options = Options.Create(new BotOptions
        {
            AppId = anonymous ? string.Empty : BotTokenMinter.AppId,
            AppPassword = anonymous ? string.Empty : "not-a-real-secret",
            AllowAnonymous = anonymous,
            OpenIdMetadataUrl = _server.MetadataUrl,
        });
        _cache = new OpenIdKeyCache(_http, options, _time, _cacheLog);
        return new BotTokenValidator(_cache, options, _time, _validatorLog);
    }

    private async Task AssertRejected(string token, string reason)
    {
        var result = await Validator().ValidateAsync($"Bearer {token}", "msteams", BotTokenMinter.ServiceUrl, default);

        Assert.False(result.Succeeded);
        Assert.Null(result.Identity);
        Assert.Equal(reason, result.FailureReason);
        Assert.Contains(_validatorLog.Lines, l => l.Contains($"rejected: {reason}", StringComparison.Ordinal));
        AssertTokenNotLogged(token);
    }

    private void AssertTokenNotLogged(string token)
    {
        var signatureOrPayload = token.Split('.')[1];
        Assert.DoesNotContain(_validatorLog.Lines.Concat(_cacheLog.Lines), l => l.Contains(signatureOrPayload, StringComparison.Ordinal));
    }
}
