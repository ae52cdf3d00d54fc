using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceOs.Domain.Channels.Slack.Install;

/// <summary>How the Data Protection key ring is kept, as decided when services were registered.</summary>
public enum SlackKeyRingMode
{
    /// <summary>No protection configured: keys live in memory only, nothing durable can be protected (installs off).</summary>
    InMemory,

    /// <summary>Files in <see cref="SlackKeyRing.Directory"/>, each key encrypted with AES-256-GCM under <c>Slack:KeyRingProtectionKey</c>.</summary>
    ProtectionKey,

    /// <summary>Files in <see cref="SlackKeyRing.Directory"/>, each key encrypted to the certificate at <c>Slack:KeyRingCertificatePath</c>.</summary>
    Certificate,
}

/// <summary>
/// The Data Protection key ring behind installed bot tokens, install links and OAuth state. Its application name is
/// fixed (<see cref="ApplicationName"/>), so every host and the CLI that point at the same directory and protection
/// key read each other's payloads. A key is never written to disk in plain form: without a protection key or a
/// certificate the ring stays in memory (and start-up refuses installs).
/// </summary>
public sealed record SlackKeyRing(SlackKeyRingMode Mode, string? Directory)
{
    public const string ApplicationName = "ComplianceOs";

    /// <summary>The ring's directory: <c>Slack:KeyRingPath</c>, or <c>{LocalApplicationData}/ComplianceOs/slack-keys</c>.</summary>
    public static string ResolveDirectory(SlackInstallLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.KeyRingPath))
        {
            return Path.GetFullPath(options.KeyRingPath.Trim());
        }

        // Not the content root: the CLI's is the binary directory and the host's the working directory, so links
        // issued by one would not open in the other; and bin/ is wiped by a clean. Containers without a home
        // directory fall back to the working directory.
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(local)
            ? Path.GetFullPath(Path.Combine(".local", "slack-keys"))
            : Path.Combine(local, ApplicationName, "slack-keys");
    }

    /// <summary>Registers Data Protection for <paramref name="options"/> and returns how the ring is kept.</summary>
    public static SlackKeyRing Register(IServiceCollection services, SlackInstallLinkOptions options)
    {
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        var key = KeyRingProtectionKey.TryParse(options.KeyRingProtectionKey, out _);
        if (key is not null)
        {
            // Also registered when a certificate encrypts new keys, so keys written under the protection key stay readable.
            services.AddSingleton(key);
        }

        X509Certificate2? certificate = null;
        if (!string.IsNullOrWhiteSpace(options.KeyRingCertificatePath))
        {
            certificate = TryLoadCertificate(options, out _);
        }

        if (certificate is null && key is null)
        {
            builder.UseEphemeralDataProtectionProvider();
            return new SlackKeyRing(SlackKeyRingMode.InMemory, null);
        }

        var directory = ResolveDirectory(options);
        builder.PersistKeysToFileSystem(new DirectoryInfo(directory));
        if (certificate is not null)
        {
            builder.ProtectKeysWithCertificate(certificate);
            return new SlackKeyRing(SlackKeyRingMode.Certificate, directory);
        }

        services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new AesGcmXmlEncryptor(key!));
        return new SlackKeyRing(SlackKeyRingMode.ProtectionKey, directory);
    }

    /// <summary>The certificate with its private key, or null with the reason.</summary>
    public static X509Certificate2? TryLoadCertificate(SlackInstallLinkOptions options, out string? problem)
    {
        problem = null;
        var path = options.KeyRingCertificatePath.Trim();
        if (!File.Exists(path))
        {
            problem = $"Slack:KeyRingCertificatePath '{path}' does not exist.";
            return null;
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(
                path, string.IsNullOrEmpty(options.KeyRingCertificatePassword) ? null : options.KeyRingCertificatePassword);
            if (!certificate.HasPrivateKey)
            {
                problem = $"Slack:KeyRingCertificatePath '{path}' has no private key (a PFX with its key is required).";
                certificate.Dispose();
                return null;
            }

            return certificate;
        }
        catch (CryptographicException)
        {
            problem = $"Slack:KeyRingCertificatePath '{path}' could not be opened (not a PFX, or Slack:KeyRingCertificatePassword is wrong).";
            return null;
        }
    }
}
