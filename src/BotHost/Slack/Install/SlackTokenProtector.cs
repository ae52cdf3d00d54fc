using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ComplianceOs.BotHost.Slack.Install;

/// <summary>
/// Encrypts installed bot tokens for storage (Data Protection, purpose <see cref="Purpose"/>), under the key ring set
/// up by <see cref="SlackKeyRing"/>. Tokens are never stored, logged or audited in plain form.
/// </summary>
public sealed class SlackTokenProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "ComplianceOs.Slack.BotToken.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>The token's protected form (base64url text), different on every call.</summary>
    public string Protect(string botToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(botToken);
        return _protector.Protect(botToken);
    }

    /// <summary>The plain token, or null when <paramref name="protectedToken"/> was tampered with or its key is gone.</summary>
    public string? Unprotect(string protectedToken)
    {
        if (string.IsNullOrEmpty(protectedToken))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(protectedToken);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
