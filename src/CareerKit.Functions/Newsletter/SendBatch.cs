using Azure;
using Azure.Data.Tables;
using CareerKit.Email;
using CareerKit.Storage;
using CareerKit.Subscriptions;

namespace CareerKit.Newsletter;

public enum SendBatchOutcome
{
    Sent,
    /// <summary>The ledger says this batch went out already: a re-delivered message sends nothing.</summary>
    AlreadySent,
    /// <summary>Everyone in the batch left or was suppressed after it was queued.</summary>
    NobodyLeft,
}

/// <summary>Another attempt at this batch is under way (or died less than a lease ago): try again later.</summary>
public sealed class BatchInFlightException(string message) : Exception(message);

/// <summary>
/// Sends one batch of an edition in one SendGrid request. A ledger row per (edition, batch) is written before
/// the request ("sending", a lease) and after it ("sent"), so a re-delivered message or a second instance does
/// not send the batch twice. Recipients who left after the batch was queued are skipped.
/// </summary>
public sealed partial class SendBatch(
    EditionStore editions,
    SubscriberStore subscribers,
    SubscriptionEmails links,
    IEmailSender sender,
    TableStorage tables,
    TimeProvider time,
    ILogger<SendBatch> logger)
{
    public const string LedgerTable = "sendledger";
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public async Task<SendBatchOutcome> RunAsync(SendBatchMessage message, CancellationToken cancellationToken)
    {
        var ledger = await tables.GetTableAsync(LedgerTable, cancellationToken);
        var rowKey = $"batch-{message.Batch:D5}";
        if (await ClaimAsync(ledger, message.EditionId, rowKey, cancellationToken) is { } done)
        {
            return done;
        }

        var record = await editions.FindAsync(message.Track, message.IsoWeek, cancellationToken)
            ?? throw new InvalidOperationException($"Edition {message.EditionId} is not stored.");
        var recipients = new List<BulkRecipient>();
        foreach (var id in message.SubscriberIds)
        {
            if (await subscribers.FindAsync(id, cancellationToken) is { IsReceivingEmail: true, Email: { } email } subscriber)
            {
                recipients.Add(Recipient(record, subscriber, email));
            }
        }

        if (recipients.Count == 0)
        {
            await FinishAsync(ledger, message.EditionId, rowKey, "sent", 0, cancellationToken);
            return SendBatchOutcome.NobodyLeft;
        }

        var (html, text) = await editions.ContentAsync(record.Id, cancellationToken);
        try
        {
            await sender.SendBulkAsync(new BulkEmail(record.Subject, html, TextTokens(text), recipients, [$"tips-{record.Track}"]), cancellationToken);
        }
        catch (EmailProviderUnavailableException)
        {
            await FinishAsync(ledger, message.EditionId, rowKey, "failed", 0, cancellationToken); // Nothing went out: the retry may claim at once.
            throw;
        }
        catch (EmailRejectedException)
        {
            await FinishAsync(ledger, message.EditionId, rowKey, "rejected", 0, cancellationToken);
            throw;
        }

        await FinishAsync(ledger, message.EditionId, rowKey, "sent", recipients.Count, cancellationToken);
        LogSent(logger, record.Id, message.Batch, recipients.Count);
        return SendBatchOutcome.Sent;
    }

    /// <returns>Null when this attempt holds the batch now; otherwise why there is nothing to do.</returns>
    private async Task<SendBatchOutcome?> ClaimAsync(TableClient ledger, string editionId, string rowKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var existing = await ledger.GetEntityIfExistsAsync<TableEntity>(editionId, rowKey, cancellationToken: cancellationToken);
        var claim = new TableEntity(editionId, rowKey) { ["Status"] = "sending", ["ClaimedAt"] = now };
        try
        {
            if (!existing.HasValue)
            {
                await ledger.AddEntityAsync(claim, cancellationToken);
                return null;
            }

            var row = existing.Value!;
            switch (row.GetString("Status"))
            {
                case "sent":
                    return SendBatchOutcome.AlreadySent;
                case "rejected":
                    throw new EmailRejectedException($"Batch {rowKey} of {editionId} was refused by the email provider before; it is not sent again.");
                case "sending" when now - (row.GetDateTimeOffset("ClaimedAt") ?? now) < Lease:
                    throw new BatchInFlightException($"Batch {rowKey} of {editionId} is being sent by another attempt.");
            }

            await ledger.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return null;
        }
        catch (RequestFailedException lost) when (lost.Status is 409 or 412)
        {
            throw new BatchInFlightException($"Batch {rowKey} of {editionId} was claimed by another attempt.");
        }
    }

    private static async Task FinishAsync(TableClient ledger, string editionId, string rowKey, string status, int recipients, CancellationToken cancellationToken) =>
        await ledger.UpsertEntityAsync(new TableEntity(editionId, rowKey) { ["Status"] = status, ["Recipients"] = recipients }, TableUpdateMode.Merge, cancellationToken);

    private BulkRecipient Recipient(EditionRecord record, Subscriber subscriber, string email)
    {
        var unsubscribe = links.Link("api/subscriptions/unsubscribe", subscriber.Id, TokenPurpose.Unsubscribe);
        var preferences = links.Link("api/subscriptions/preferences", subscriber.Id, TokenPurpose.Preferences);
        var greeting = subscriber.FirstName is { Length: > 0 } name ? $" {name}" : "";
        return new BulkRecipient(
            email,
            new Dictionary<string, string>
            {
                [EditionComposer.FirstNamePlaceholder] = Rendering.TemplateLibrary.HtmlEscape(greeting),
                [EditionComposer.UnsubscribePlaceholder] = Rendering.TemplateLibrary.HtmlEscape(unsubscribe),
                [EditionComposer.PreferencesPlaceholder] = Rendering.TemplateLibrary.HtmlEscape(preferences),
            },
            new Dictionary<string, string>
            {
                [TextToken(EditionComposer.FirstNamePlaceholder)] = greeting,
                [TextToken(EditionComposer.UnsubscribePlaceholder)] = unsubscribe,
                [TextToken(EditionComposer.PreferencesPlaceholder)] = preferences,
            },
            SubscriptionEmails.ListUnsubscribeHeaders(unsubscribe),
            new Dictionary<string, string> { ["edition_id"] = record.Id, ["subscriber_id"] = subscriber.Id });
    }

    /// <summary>The text part gets its own tokens: its values are not HTML-escaped, and SendGrid fills both parts from one list.</summary>
    private static string TextTokens(string text) => new[] { EditionComposer.FirstNamePlaceholder, EditionComposer.UnsubscribePlaceholder, EditionComposer.PreferencesPlaceholder }
        .Aggregate(text, (current, token) => current.Replace(token, TextToken(token), StringComparison.Ordinal));

    private static string TextToken(string token) => $"{token}-text";

    [LoggerMessage(Level = LogLevel.Information, Message = "Edition {EditionId} batch {Batch}: sent to {Recipients} recipients")]
    private static partial void LogSent(ILogger logger, string editionId, int batch, int recipients);
}
