using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CareerKit.Email;
using CareerKit.Hosting;
using CareerKit.Storage;
using CareerKit.Subscriptions;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>
/// POST /api/sendgrid/events: SendGrid's event webhook. Only signed, fresh requests are read. Bounces, drops,
/// spam reports and unsubscribes suppress the subscriber; deliveries, opens and clicks are counted per edition;
/// a repeated event (same sg_event_id) counts once.
/// </summary>
public static partial class EventWebhook
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";
    public const int MaxBodyBytes = 1024 * 1024;
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private static readonly string[] Suppressing = ["bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe"];
    private static readonly string[] Counted = ["delivered", "open", "click"];

    public static IEndpointRouteBuilder MapEventWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/sendgrid/events", ReceiveAsync);
        return app;
    }

    public static async Task<IResult> ReceiveAsync(HttpContext context, IOptions<SendGridOptions> options, TimeProvider time, EventRecorder recorder, CancellationToken cancellationToken)
    {
        RequestLimits.AllowBody(context, MaxBodyBytes);
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

        var recorded = 0;
        foreach (var item in events.EnumerateArray())
        {
            recorded += await recorder.RecordAsync(item, cancellationToken) ? 1 : 0;
        }

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

        if (!long.TryParse(timestamp, out var seconds) || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalSeconds) > MaxAge.TotalSeconds)
        {
            return "The timestamp is missing or older than 10 minutes.";
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

    internal static bool IsSuppressing(string type) => Suppressing.Contains(type);

    internal static bool IsCounted(string type) => Counted.Contains(type);
}

/// <summary>Applies one webhook event once: suppression of the subscriber, or a count on the edition.</summary>
public sealed partial class EventRecorder(TableStorage storage, SubscriberStore subscribers, SendReceipts receipts, TimeProvider time, ILogger<EventRecorder> logger)
{
    public const string SeenTable = "sendgridevents";
    public const string StatsTable = "editionstats";

    /// <returns>True when the event was new and applied.</returns>
    public async Task<bool> RecordAsync(JsonElement item, CancellationToken cancellationToken)
    {
        var type = Text(item, "event");
        var eventId = Text(item, "sg_event_id");
        if (type is null || eventId is null)
        {
            return false;
        }

        // Before the duplicate check: a receipt is idempotent, and one lost to a failure after the check
        // would never be written when SendGrid retries the delivery.
        if (Key(item, "edition_id") is { } sentEdition && Key(item, "subscriber_id") is { } recipient)
        {
            await receipts.RecordAsync(sentEdition, recipient, cancellationToken);
        }

        var seen = await storage.GetTableAsync(SeenTable, cancellationToken);
        try
        {
            await seen.AddEntityAsync(new TableEntity(eventId[..Math.Min(2, eventId.Length)], eventId) { ["Event"] = type }, cancellationToken);
        }
        catch (RequestFailedException duplicate) when (duplicate.Status == 409)
        {
            return false; // SendGrid retries deliveries; each event counts once.
        }

        if (EventWebhook.IsSuppressing(type) && Key(item, "subscriber_id") is { } subscriberId)
        {
            await subscribers.UpdateAsync(subscriberId, subscriber => subscriber.Suppress(time.GetUtcNow()), cancellationToken);
            LogSuppressed(logger, subscriberId, type);
        }

        // Problems are counted too, so editors see each edition's bounces and unsubscribes.
        if ((EventWebhook.IsCounted(type) || EventWebhook.IsSuppressing(type)) && Key(item, "edition_id") is { } editionId)
        {
            await CountAsync(editionId, type, cancellationToken);
        }

        return true;
    }

    /// <summary>Every edition's event counts in one scan (a few rows per edition), for the editors' list: edition id → event type → count.</summary>
    public async Task<Dictionary<string, Dictionary<string, int>>> AllCountsAsync(CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(StatsTable, cancellationToken);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(maxPerPage: 1000, select: ["PartitionKey", "RowKey", "Count"], cancellationToken: cancellationToken))
        {
            if (!counts.TryGetValue(row.PartitionKey, out var edition))
            {
                counts[row.PartitionKey] = edition = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            edition[row.RowKey] = row.GetInt32("Count") ?? 0;
        }

        return counts;
    }

    private async Task CountAsync(string editionId, string type, CancellationToken cancellationToken)
    {
        var table = await storage.GetTableAsync(StatsTable, cancellationToken);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(editionId, type, cancellationToken: cancellationToken);
            try
            {
                if (!current.HasValue)
                {
                    await table.AddEntityAsync(new TableEntity(editionId, type) { ["Count"] = 1 }, cancellationToken);
                }
                else
                {
                    var row = current.Value!;
                    row["Count"] = (row.GetInt32("Count") ?? 0) + 1;
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
            {
                // Another event for the same edition counted first: read again.
            }
        }
    }

    /// <summary>A value we put into custom_args, usable as a table key (ours never hold these characters).</summary>
    private static string? Key(JsonElement item, string name) =>
        Text(item, name) is { Length: > 0 and <= 200 } value && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)) ? value : null;

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} suppressed after a {EventType} event")]
    private static partial void LogSuppressed(ILogger logger, string subscriberId, string eventType);
}
