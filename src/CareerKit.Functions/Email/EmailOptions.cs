using System.ComponentModel.DataAnnotations;

namespace CareerKit.Email;

/// <summary>Settings under "SendGrid:". Without an API key, emails go to the local outbox instead.</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    public string? ApiKey { get; set; }

    /// <summary>Overrides the API address (tests point it at a fake SendGrid on loopback).</summary>
    public string? Host { get; set; }

    [Required(ErrorMessage = "SendGrid:FromEmail is required: the address emails come from.")]
    [EmailAddress(ErrorMessage = "SendGrid:FromEmail must be an email address.")]
    public string FromEmail { get; set; } = "newsletter@careerkit.example";

    [Required(ErrorMessage = "SendGrid:FromName is required: the name emails come from.")]
    public string FromName { get; set; } = "CareerKit";

    /// <summary>The event webhook's verification key (base64 DER public key from SendGrid's settings).</summary>
    public string? WebhookPublicKey { get; set; }

    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>The attributes' rules, checked by code generated at compile time rather than by reflection at start.</summary>
[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class SendGridOptionsAttributes : Microsoft.Extensions.Options.IValidateOptions<SendGridOptions>;
