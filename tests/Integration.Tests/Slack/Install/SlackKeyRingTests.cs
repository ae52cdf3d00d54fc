using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using ComplianceOs.BotHost.Slack.Install;
using ComplianceOs.Domain.Channels.Slack.Install;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ComplianceOs.Integration.Tests.Slack.Install;

/// <summary>The key ring behind stored bot tokens: encrypted at rest, shared by hosts with the same key, and required once installs are on.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class SlackKeyRingTests(DatabaseFixture fixture)
{
    private const string Token = "xoxb-1234-5678-plain-bot-token";

    [Fact]
    public async Task KeyRingFiles_HoldOnlyEncryptedKeys_AndAHostWithTheSameKeyReadsTheTokens()
    {
        var path = SlackInstallHost.NewKeyRingPath();
        var key = SlackInstallHost.NewProtectionKey();
        await using var first = await SlackInstallHost.StartAsync(SlackInstallHost.Settings(fixture, null, path, key));
        var stored = first.Get<SlackTokenProtector>().Protect(Token);

        Assert.Equal(new SlackKeyRing(SlackKeyRingMode.ProtectionKey, Path.GetFullPath(path)), first.Get<SlackKeyRing>());
        AssertOnlyEncryptedKeys(path, "aesGcmEncryptedKey");
        Assert.DoesNotContain(Token, stored, StringComparison.Ordinal);
        Assert.Equal(Token, first.Get<SlackTokenProtector>().Unprotect(stored));

        // Another host (or the CLI) with the same directory and key: same application name, same ring.
        await using (var second = await SlackInstallHost.StartAsync(SlackInstallHost.Settings(fixture, null, path, key), ownsKeyRing: false))
        {
            Assert.Equal(Token, second.Get<SlackTokenProtector>().Unprotect(stored));
        }

        // The same files under another protection key are unreadable.
        await using (var stranger = await SlackInstallHost.StartAsync(SlackInstallHost.Settings(fixture, null, path, SlackInstallHost.NewProtectionKey()), ownsKeyRing: false))
        {
            Assert.Null(stranger.Get<SlackTokenProtector>().Unprotect(stored));
        }

        Assert.Null(first.Get<SlackTokenProtector>().Unprotect(stored[..^4] + "AAAA"));
    }

    [Fact]
    public async Task ACertificate_ProtectsTheKeyRing()
    {
        var path = SlackInstallHost.NewKeyRingPath();
        var pfx = Path.Combine(Path.GetTempPath(), $"cos-keyring-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ComplianceOs key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        try
        {
            var settings = SlackInstallHost.Settings(fixture, null, path, string.Empty, new Dictionary<string, string?>
            {
                ["Slack:KeyRingCertificatePath"] = pfx,
                ["Slack:KeyRingCertificatePassword"] = "pfx-password",
            });
            await using var host = await SlackInstallHost.StartAsync(settings);
            var stored = host.Get<SlackTokenProtector>().Protect(Token);

            Assert.Equal(SlackKeyRingMode.Certificate, host.Get<SlackKeyRing>().Mode);
            AssertOnlyEncryptedKeys(path, "EncryptedData");
            await using var second = await SlackInstallHost.StartAsync(settings, ownsKeyRing: false);
            Assert.Equal(Token, second.Get<SlackTokenProtector>().Unprotect(stored));
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Theory]
    [InlineData("", "Slack:KeyRingProtectionKey (base64, at least 32 bytes) or Slack:KeyRingCertificatePath is required when Slack:ClientId is set")]
    [InlineData("c2hvcnQta2V5LW9mLTE2Yg==", "Slack:KeyRingProtectionKey decodes to 16 bytes; at least 32 are required")]
    [InlineData("not base64 at all!", "Slack:KeyRingProtectionKey is not base64")]
    public async Task InstallsOn_WithoutAUsableProtectionKey_FailStartUp(string key, string message)
    {
        var path = SlackInstallHost.NewKeyRingPath();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SlackInstallHost.StartAsync(SlackInstallHost.Settings(fixture, null, path, key)));

        Assert.Contains(failure.Failures, f => f.Contains(message, StringComparison.Ordinal));
        Assert.DoesNotContain(failure.Failures, f => key.Length > 0 && f.Contains(key, StringComparison.Ordinal));
        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public async Task InstallsOff_StartWithoutAKey_AndWriteNoKeyFiles()
    {
        var path = SlackInstallHost.NewKeyRingPath();
        await using var host = await SlackInstallHost.StartAsync(SlackInstallHost.Settings(
            fixture, null, path, string.Empty, new Dictionary<string, string?> { ["Slack:ClientId"] = string.Empty }));

        var stored = host.Get<SlackTokenProtector>().Protect(Token);

        Assert.Equal(SlackKeyRingMode.InMemory, host.Get<SlackKeyRing>().Mode);
        Assert.Equal(Token, host.Get<SlackTokenProtector>().Unprotect(stored));
        Assert.False(Directory.Exists(path));
    }

    /// <summary>Every key file has its secret inside an <c>encryptedSecret</c> element: no plain <c>&lt;value&gt;</c> master key anywhere.</summary>
    private static void AssertOnlyEncryptedKeys(string path, string encryptedElement)
    {
        var files = Directory.GetFiles(path, "*.xml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var xml = XDocument.Load(file);
            var names = xml.Descendants().Select(e => e.Name.LocalName).ToList();
            Assert.Contains("encryptedSecret", names);
            Assert.Contains(encryptedElement, names);
            Assert.DoesNotContain("value", names);
            Assert.DoesNotContain("masterKey", names);
        }
    }
}
