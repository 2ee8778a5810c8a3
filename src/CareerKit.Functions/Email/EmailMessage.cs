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

public interface IEmailSender
{
    /// <exception cref="EmailProviderUnavailableException">The message was not accepted for delivery.</exception>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>The email provider did not accept a message; the caller may try again later.</summary>
public sealed class EmailProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
