using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Teams.Proactive;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ComplianceOs.BotHost.Notifications.Email;

/// <summary>
/// Sends a notification card as an e-mail (plain text and HTML) through the configured SMTP server. E-mail carries
/// no buttons: the message says where to act. A failure to connect or a refusal is a failed attempt the
/// dispatcher retries; no SMTP configured, or no address, means the person cannot be reached this way.
/// </summary>
public sealed partial class EmailSender(IOptions<EmailOptions> options, ILogger<EmailSender> logger)
{
    public const string ServiceUrl = "smtp:";

    public bool Enabled => options.Value.Enabled;

    public async Task<Delivery> DeliverAsync(string? address, string name, Card card, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return new Delivery(ProactiveOutcome.NotInstalled);
        }

        if (address is null || !MailboxAddress.TryParse(address, out var to))
        {
            return new Delivery(ProactiveOutcome.NoConversation);
        }

        to.Name = name;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(to);
        message.Subject = EmailRenderer.Subject(card);
        message.Body = new BodyBuilder { TextBody = EmailRenderer.Text(card), HtmlBody = EmailRenderer.Html(card) }.ToMessageBody();
        try
        {
            using var smtp = new SmtpClient { Timeout = 30_000 };
            await smtp.ConnectAsync(o.SmtpHost!, o.SmtpPort, o.Security, ct);
            if (!string.IsNullOrEmpty(o.User))
            {
                await smtp.AuthenticateAsync(o.User, o.Password ?? string.Empty, ct);
            }

            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(true, ct);
            return new Delivery(ProactiveOutcome.Sent, ServiceUrl, to.Address, message.MessageId);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or MailKit.Security.AuthenticationException or TimeoutException)
        {
            LogFailed(logger, ex.GetType().Name);
            return new Delivery(ProactiveOutcome.Failed);
        }
    }

    [LoggerMessage(EventId = 2403, Level = LogLevel.Warning, Message = "E-mail not sent: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
