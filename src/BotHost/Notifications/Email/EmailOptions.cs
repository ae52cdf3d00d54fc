using System.ComponentModel.DataAnnotations;

namespace ComplianceOs.BotHost.Notifications.Email;

/// <summary>
/// <c>Email:*</c>: the SMTP server notifications go through. Without a host, e-mail is off: nobody is reachable by
/// e-mail and notifications stay in the chat channels.
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c> or <c>None</c> (a local catcher only).</summary>
    public MailKit.Security.SecureSocketOptions Security { get; set; } = MailKit.Security.SecureSocketOptions.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address, e.g. <c>Compliance OS &lt;compliance@example.com&gt;</c>.</summary>
    public string From { get; set; } = "Compliance OS <compliance-os@localhost>";

    public bool Enabled => !string.IsNullOrWhiteSpace(SmtpHost);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && !MimeKit.MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"Email:From is not an e-mail address: \"{From}\"", [nameof(From)]);
        }

        if (string.IsNullOrEmpty(User) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Email:User and Email:Password go together (both or neither)", [nameof(User)]);
        }
    }
}
