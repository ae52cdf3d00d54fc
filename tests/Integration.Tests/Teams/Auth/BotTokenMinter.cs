using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ComplianceOs.Integration.Tests.Teams.Auth;

/// <summary>Mints channel-to-bot tokens the way the Bot Framework does, with knobs to break each rule.</summary>
internal static class BotTokenMinter
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    public static string Mint(
        RSA rsa,
        string kid,
        DateTimeOffset now,
        string issuer = Issuer,
        string audience = AppId,
        string? serviceUrl = ServiceUrl,
        TimeSpan? notBeforeOffset = null,
        TimeSpan? expiresOffset = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var claims = new Dictionary<string, object>();
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (now + (notBeforeOffset ?? TimeSpan.FromMinutes(-1))).UtcDateTime,
            NotBefore = (now + (notBeforeOffset ?? TimeSpan.FromMinutes(-1))).UtcDateTime,
            Expires = (now + (expiresOffset ?? TimeSpan.FromHours(1))).UtcDateTime,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public static string MintHs256(string kid, DateTimeOffset now)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AppId,
            Claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl },
            NotBefore = now.AddMinutes(-1).UtcDateTime,
            Expires = now.AddHours(1).UtcDateTime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = kid }, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A hand-crafted unsigned JWT (<c>alg: none</c>) that is otherwise perfectly valid.</summary>
    public static string MintUnsigned(string kid, DateTimeOffset now)
    {
        var header = $$"""{"alg":"none","typ":"JWT","kid":"{{kid}}"}""";
        var payload = $$"""{"iss":"{{Issuer}}","aud":"{{AppId}}","serviceurl":"{{ServiceUrl}}","nbf":{{now.AddMinutes(-1).ToUnixTimeSeconds()}},"exp":{{now.AddHours(1).ToUnixTimeSeconds()}}}""";
        return $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header))}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.";
    }
}
