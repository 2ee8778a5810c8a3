using Microsoft.Extensions.Options;
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
        PostAsync(new StringContent(ToSendGrid(message, options.Value).Serialize(), System.Text.Encoding.UTF8, "application/json"), 1, cancellationToken, rejectClientErrors: false);

    /// <summary>One mail/send with a personalization per recipient: SendGrid fills each one's values (substitutions).</summary>
    public Task SendBulkAsync(BulkEmail email, CancellationToken cancellationToken)
    {
        var body = new ReadOnlyMemoryContent(SendGridBulkRequest.Write(email, options.Value));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return PostAsync(body, email.Recipients.Count, cancellationToken, rejectClientErrors: true);
    }

    private async Task PostAsync(HttpContent body, int emails, CancellationToken cancellationToken, bool rejectClientErrors)
    {
        var provider = new KeyValuePair<string, object?>("provider", "sendgrid");
        var settings = options.Value;
        var host = string.IsNullOrWhiteSpace(settings.Host) ? "https://api.sendgrid.com" : settings.Host.TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{host}/v3/mail/send") { Content = body };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", settings.ApiKey);

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception failure) when (failure is HttpRequestException or TimeoutException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
            && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, failure.GetType().Name);
            Hosting.Telemetry.EmailsFailed.Add(emails, provider);
            throw new EmailProviderUnavailableException("SendGrid could not be reached.", failure, outcomeUnknown: !NeverSent(failure));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                LogRejected(logger, status);
                Hosting.Telemetry.EmailsFailed.Add(emails, provider);
                throw rejectClientErrors && status is >= 400 and < 500 and not 429
                    ? new EmailRejectedException($"SendGrid refused the request with {status}; retrying cannot fix it.")
                    : new EmailProviderUnavailableException($"SendGrid answered {status}.");
            }
        }

        Hosting.Telemetry.EmailsSent.Add(emails, provider);
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
