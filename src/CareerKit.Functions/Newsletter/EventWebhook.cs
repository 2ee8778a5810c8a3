using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareerKit.Email;
using CareerKit.Hosting;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>
/// POST /api/sendgrid/events: SendGrid's event webhook. Only signed, fresh requests are read. Bounces, drops,
/// spam reports and unsubscribes suppress the subscriber; deliveries, opens and clicks are counted per edition;
/// a repeated event (same sg_event_id) counts once. Called by <see cref="SendGridEventsFunction"/>, which declares the body limit.
/// </summary>
public static partial class EventWebhook
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";
    public const int MaxBodyBytes = 1024 * 1024;
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    public static async Task<IResult> ReceiveAsync(HttpContext context, IOptions<SendGridOptions> options, TimeProvider time, EventRecorder recorder, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();

        if (Verify(options.Value.WebhookPublicKey, context.Request.Headers[SignatureHeader], context.Request.Headers[TimestampHeader], body, time.GetUtcNow()) is { } refusal)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The event webhook signature is not valid.", detail: refusal);
        }

        JsonElement events;
        try
        {
            events = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return JsonBody.Malformed();
        }

        if (events.ValueKind != JsonValueKind.Array)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Send a JSON array of events.", detail: "SendGrid's event webhook posts a JSON array.");
        }

        var recorded = await recorder.RecordAsync([.. events.EnumerateArray().Select(WebhookEvent.From).OfType<WebhookEvent>()], cancellationToken);
        return TypedResults.Ok(new { received = events.GetArrayLength(), recorded });
    }

    /// <returns>Why the request is refused, or null when the signature is valid and fresh.</returns>
    public static string? Verify(string? publicKey, string? signature, string? timestamp, byte[] body, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(publicKey))
        {
            return "The webhook's verification key is not configured (SendGrid:WebhookPublicKey).";
        }

        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            return $"The {SignatureHeader} and {TimestampHeader} headers are required.";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return $"The {TimestampHeader} header must be a Unix time in seconds.";
        }

        // Compared as numbers: a time past year 9999 is no date, and converting it would throw.
        var age = now.ToUnixTimeSeconds() - seconds;
        if (age > MaxAge.TotalSeconds || age < -MaxAge.TotalSeconds)
        {
            return $"The {TimestampHeader} header is older than 10 minutes or in the future: sign each delivery when it is sent.";
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
            var signed = Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray();
            return key.VerifyData(signed, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                ? null
                : "The signature does not match the body.";
        }
        catch (FormatException)
        {
            return "The signature is not base64.";
        }
        catch (CryptographicException)
        {
            return "The signature or the configured key is malformed.";
        }
    }
}
