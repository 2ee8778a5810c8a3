using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace CareerKit.Email;

/// <summary>Sends through SendGrid's v3 mail/send API. Retries of 429 and 5xx happen in the HTTP pipeline.</summary>
internal sealed partial class SendGridEmailSender(
    IHttpClientFactory httpClients,
    IOptions<SendGridOptions> options,
    ILogger<SendGridEmailSender> logger) : IEmailSender
{
    public const string HttpClientName = "SendGrid";

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new SendGridClient(httpClients.CreateClient(HttpClientName), new SendGridClientOptions
        {
            ApiKey = settings.ApiKey,
            Host = string.IsNullOrWhiteSpace(settings.Host) ? "https://api.sendgrid.com" : settings.Host,
        });

        Response response;
        try
        {
            response = await client.SendEmailAsync(ToSendGrid(message, settings), cancellationToken);
        }
        catch (Exception failure) when (failure is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            LogUnreachable(logger, failure.GetType().Name);
            throw new EmailProviderUnavailableException("SendGrid could not be reached.", failure);
        }

        if (!response.IsSuccessStatusCode)
        {
            LogRejected(logger, (int)response.StatusCode);
            throw new EmailProviderUnavailableException($"SendGrid answered {(int)response.StatusCode}.");
        }
    }

    internal static SendGridMessage ToSendGrid(EmailMessage message, SendGridOptions settings)
    {
        var mail = MailHelper.CreateSingleEmail(
            new EmailAddress(settings.FromEmail, settings.FromName),
            new EmailAddress(message.To),
            message.Subject,
            message.Text,
            message.Html);
        if (message.Headers.Count > 0)
        {
            // One recipient, so the personalization's headers are this email's headers.
            mail.AddHeaders(message.Headers.ToDictionary());
        }

        if (message.Categories.Count > 0)
        {
            mail.AddCategories(message.Categories.ToList());
        }

        if (message.CustomArgs.Count > 0)
        {
            mail.AddCustomArgs(message.CustomArgs.ToDictionary());
        }

        return mail;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid unreachable ({ExceptionType})")]
    private static partial void LogUnreachable(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid did not accept an email: status {StatusCode}")]
    private static partial void LogRejected(ILogger logger, int statusCode);
}
