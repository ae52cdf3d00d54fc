using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace ComplianceOs.BotHost.Slack.Install;

/// <summary>
/// Key files written before the key ring moved to Domain name this type as their decryptor (Data Protection stores
/// the decryptor's type name beside each key), so it stays here and hands over to
/// <see cref="Domain.Channels.Slack.Install.AesGcmXmlDecryptor"/>. Newer key files name the Domain type directly.
/// </summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly Domain.Channels.Slack.Install.AesGcmXmlDecryptor _inner = new(services);

    public XElement Decrypt(XElement encryptedElement) => _inner.Decrypt(encryptedElement);
}
