using CareerKit.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CareerKit.Email;

/// <summary>
/// The local stand-in for SendGrid: writes each email as an .eml file a person can open in a mail
/// program. File names carry no address, only the time and a random part.
/// </summary>
internal sealed class OutboxEmailSender(IOptions<CareerKitOptions> careerKit, IOptions<SendGridOptions> sendGrid, TimeProvider time) : IEmailSender
{
    public string Folder => Path.GetFullPath(careerKit.Value.OutboxPath);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = ToMime(message, sendGrid.Value, time.GetUtcNow());
        Directory.CreateDirectory(Folder);
        var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(Folder, name + ".tmp");
        // Written aside and moved into place, so a reader never sees half a message.
        await mime.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(Folder, name));
        Telemetry.EmailsSent.Add(1, new KeyValuePair<string, object?>("provider", "outbox"));
    }

    /// <summary>One .eml per recipient, with their values filled in, as SendGrid would deliver them.</summary>
    public async Task SendBulkAsync(BulkEmail email, CancellationToken cancellationToken)
    {
        foreach (var recipient in email.Recipients)
        {
            var (html, text) = recipient.Fill(email);
            await SendAsync(new EmailMessage(recipient.Email, email.Subject, html, text) { Headers = recipient.Headers }, cancellationToken);
        }
    }

    internal static MimeMessage ToMime(EmailMessage message, SendGridOptions settings, DateTimeOffset now)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = now,
            Body = new BodyBuilder { HtmlBody = message.Html, TextBody = message.Text }.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromEmail));
        mime.To.Add(MailboxAddress.Parse(message.To));
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, value);
        }

        return mime;
    }
}
