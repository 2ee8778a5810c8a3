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

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
        PostAsync(ToSendGrid(message, options.Value), cancellationToken);

    public async Task SendBulkAsync(BulkEmail email, CancellationToken cancellationToken)
    {
        await PostAsync(ToSendGrid(email, options.Value), cancellationToken, rejectClientErrors: true);
    }

    /// <summary>One mail/send with a personalization per recipient: SendGrid fills each one's values (substitutions).</summary>
    internal static SendGridMessage ToSendGrid(BulkEmail email, SendGridOptions settings)
    {
        var mail = new SendGridMessage
        {
            From = new EmailAddress(settings.FromEmail, settings.FromName),
            Subject = email.Subject,
            PlainTextContent = email.Text,
            HtmlContent = email.Html,
        };
        for (var index = 0; index < email.Recipients.Count; index++)
        {
            var recipient = email.Recipients[index];
            mail.AddTo(new EmailAddress(recipient.Email), index);
            foreach (var (key, value) in recipient.HtmlValues.Concat(recipient.TextValues))
            {
                mail.AddSubstitution(key, value, index);
            }

            foreach (var (name, value) in recipient.Headers)
            {
                mail.AddHeader(name, value, index);
            }

            foreach (var (name, value) in recipient.CustomArgs)
            {
                mail.AddCustomArg(name, value, index);
            }
        }

        if (email.Categories.Count > 0)
        {
            mail.AddCategories(email.Categories.ToList());
        }

        return mail;
    }

    private async Task<Response> PostAsync(SendGridMessage mail, CancellationToken cancellationToken, bool rejectClientErrors = false)
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
            response = await client.SendEmailAsync(mail, cancellationToken);
        }
        catch (Exception failure) when (failure is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            LogUnreachable(logger, failure.GetType().Name);
            throw new EmailProviderUnavailableException("SendGrid could not be reached.", failure, outcomeUnknown: !NeverSent(failure));
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            LogRejected(logger, status);
            throw rejectClientErrors && status is >= 400 and < 500 and not 429
                ? new EmailRejectedException($"SendGrid refused the request with {status}; retrying cannot fix it.")
                : new EmailProviderUnavailableException($"SendGrid answered {status}.");
        }

        return response;
    }

    /// <summary>Failures that happen before a request leaves this machine: nothing can have been accepted.</summary>
    internal static bool NeverSent(Exception failure) => failure switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } => true,
        Polly.CircuitBreaker.BrokenCircuitException => true,
        _ => false,
    };

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
