using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceOs.Domain.Channels.Slack.Install;

/// <summary>
/// The key that protects the Data Protection key ring (<c>Slack:KeyRingProtectionKey</c>, base64, at least 32 bytes),
/// reduced to an AES-256 key with HKDF-SHA256 (every configured byte counts). <see cref="Id"/> is a short fingerprint
/// written beside each encrypted key, so a ring protected with another key fails with a message saying so rather than
/// a bare tag mismatch.
/// </summary>
public sealed class KeyRingProtectionKey
{
    public const int MinimumBytes = 32;

    private KeyRingProtectionKey(byte[] key)
    {
        Key = key;
        Id = Convert.ToHexStringLower(SHA256.HashData(key))[..16];
    }

    public byte[] Key { get; }

    public string Id { get; }

    /// <summary>The key, or null with the reason when <paramref name="base64"/> is not base64 of at least 32 bytes.</summary>
    public static KeyRingProtectionKey? TryParse(string? base64, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(base64))
        {
            problem = "is empty";
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            problem = "is not base64";
            return null;
        }

        if (bytes.Length < MinimumBytes)
        {
            problem = $"decodes to {bytes.Length} bytes; at least {MinimumBytes} are required (e.g. `openssl rand -base64 32`)";
            CryptographicOperations.ZeroMemory(bytes);
            return null;
        }

        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, bytes, MinimumBytes, info: Encoding.UTF8.GetBytes("ComplianceOs.KeyRing.AesGcm.v1"));
        CryptographicOperations.ZeroMemory(bytes);
        return new KeyRingProtectionKey(key);
    }
}

/// <summary>
/// Encrypts each key of the Data Protection key ring with AES-256-GCM under <see cref="KeyRingProtectionKey"/> before
/// it is written to disk, so the files hold only <c>encryptedSecret</c> elements, never a plain master key.
/// </summary>
internal sealed class AesGcmXmlEncryptor(KeyRingProtectionKey key) : IXmlEncryptor
{
    internal const string ElementName = "aesGcmEncryptedKey";
    internal static readonly byte[] AssociatedData = Encoding.UTF8.GetBytes("ComplianceOs.KeyRing.AesGcm.v1");

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(key.Key, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(
            ElementName,
            new XAttribute("version", "1"),
            new XAttribute("keyId", key.Id),
            new XComment(" Encrypted with Slack:KeyRingProtectionKey (AES-256-GCM). "),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("ciphertext", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>
/// Reverses <see cref="AesGcmXmlEncryptor"/>. Data Protection creates it by type name from the key file, passing the
/// application's service provider, from which the configured <see cref="KeyRingProtectionKey"/> is taken.
/// </summary>
public sealed class AesGcmXmlDecryptor : IXmlDecryptor
{
    private static readonly XName ExpectedName = AesGcmXmlEncryptor.ElementName;

    private readonly KeyRingProtectionKey? _key;

    public AesGcmXmlDecryptor(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _key = services.GetService<KeyRingProtectionKey>();
    }

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (_key is null)
        {
            throw new CryptographicException(
                "The Data Protection key ring is encrypted with Slack:KeyRingProtectionKey, but no such key is configured.");
        }

        if (encryptedElement.Name != ExpectedName || (string?)encryptedElement.Attribute("version") != "1")
        {
            throw new CryptographicException("The key ring element is not in the AES-GCM format this host understands.");
        }

        var keyId = (string?)encryptedElement.Attribute("keyId");
        if (keyId != _key.Id)
        {
            throw new CryptographicException(
                $"This key was encrypted with a different Slack:KeyRingProtectionKey (fingerprint {keyId}, configured {_key.Id}).");
        }

        var nonce = Convert.FromBase64String((string?)encryptedElement.Element("nonce") ?? string.Empty);
        var tag = Convert.FromBase64String((string?)encryptedElement.Element("tag") ?? string.Empty);
        var ciphertext = Convert.FromBase64String((string?)encryptedElement.Element("ciphertext") ?? string.Empty);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(_key.Key, tag.Length);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, AesGcmXmlEncryptor.AssociatedData);
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
