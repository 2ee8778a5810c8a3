namespace CareerKit.Email;

/// <summary>One email to one person, with an HTML and a plain-text part.</summary>
public sealed record EmailMessage(string To, string Subject, string Html, string Text)
{
    /// <summary>Extra headers such as List-Unsubscribe.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>SendGrid categories, for statistics per kind of email.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Values SendGrid returns in its event webhook (ids, never personal data).</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// One email to many people in one request: the content holds placeholder tokens, and each recipient has the
/// values that replace them (escaped for HTML and raw for text), their own headers and custom args.
/// </summary>
public sealed record BulkEmail(string Subject, string Html, string Text, IReadOnlyList<BulkRecipient> Recipients, IReadOnlyList<string> Categories);

public sealed record BulkRecipient(
    string Email,
    IReadOnlyDictionary<string, string> HtmlValues,
    IReadOnlyDictionary<string, string> TextValues,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> CustomArgs)
{
    public (string Html, string Text) Fill(BulkEmail email) =>
        (HtmlValues.Aggregate(email.Html, (html, value) => html.Replace(value.Key, value.Value, StringComparison.Ordinal)),
         TextValues.Aggregate(email.Text, (text, value) => text.Replace(value.Key, value.Value, StringComparison.Ordinal)));
}

public interface IEmailSender
{
    /// <exception cref="EmailProviderUnavailableException">The message was not accepted for delivery.</exception>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);

    /// <summary>Sends one email to up to 1,000 recipients, each personalised.</summary>
    /// <exception cref="EmailProviderUnavailableException">The provider did not accept it (after retries where retrying can help).</exception>
    /// <exception cref="EmailRejectedException">The provider refused it for a reason retrying cannot fix.</exception>
    Task SendBulkAsync(BulkEmail email, CancellationToken cancellationToken);
}

/// <summary>The email provider refused a request for a reason that retrying cannot fix (a 4xx other than 429).</summary>
public sealed class EmailRejectedException(string message) : Exception(message);

/// <summary>The email provider did not accept a message; the caller may try again later.</summary>
public sealed class EmailProviderUnavailableException(string message, Exception? inner = null, bool outcomeUnknown = false) : Exception(message, inner)
{
    /// <summary>
    /// The request may have reached the provider (it timed out or the connection broke after it was sent):
    /// the email may be on its way, so resending it blindly could deliver it twice.
    /// </summary>
    public bool OutcomeUnknown { get; } = outcomeUnknown;
}
