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
/// not send the batch twice. A claim whose lease ran out belongs to an attempt that died, perhaps after
/// SendGrid accepted the batch: the retry then skips everyone SendGrid's events show as accepted (see
/// <see cref="SendReceipts"/>), so nobody gets the edition twice and nobody is missed. Recipients who left
/// after the batch was queued are skipped.
/// </summary>
public sealed partial class SendBatch(
    EditionStore editions,
    SubscriberStore subscribers,
    SendReceipts receipts,
    EditionRecipients personalize,
    IEmailSender sender,
    TableStorage tables,
    TimeProvider time,
    ILogger<SendBatch> logger)
{
    public const string LedgerTable = "sendledger";

    /// <summary>
    /// Longer than any one attempt can take (SendGrid requests give up after 25 s), shorter than the retries
    /// the queue allows (host.json: 10 deliveries, 30 s apart), and long enough for SendGrid's "processed"
    /// events of a batch that did go out to have arrived before a retry relies on them.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);

    /// <summary>Receipt checks at once when recovering a batch.</summary>
    private const int ParallelReads = 16;

    public async Task<SendBatchOutcome> RunAsync(SendBatchMessage message, CancellationToken cancellationToken)
    {
        using var activity = Hosting.Telemetry.Source.StartActivity("send batch");
        activity?.SetTag("edition.id", message.EditionId).SetTag("batch", message.Batch).SetTag("recipients", message.SubscriberIds.Count);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = await SendAsync(message, cancellationToken);
        activity?.SetTag("outcome", outcome.ToString());
        Hosting.Telemetry.SendBatchDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        return outcome;
    }

    private async Task<SendBatchOutcome> SendAsync(SendBatchMessage message, CancellationToken cancellationToken)
    {
        var ledger = await tables.GetTableAsync(LedgerTable, cancellationToken);
        var rowKey = $"batch-{message.Batch:D5}";
        var claim = await ClaimAsync(ledger, message.EditionId, rowKey, cancellationToken);
        if (claim.Done is { } done)
        {
            return done;
        }

        var record = await editions.FindAsync(message.Track, message.IsoWeek, cancellationToken)
            ?? throw new InvalidOperationException($"Edition {message.EditionId} is not stored.");
        if (claim.Recovering)
        {
            LogRecovering(logger, record.Id, message.Batch);
        }

        var recipients = await RecipientsAsync(record, message.SubscriberIds, claim.Recovering, cancellationToken);
        if (recipients.Count == 0)
        {
            await FinishAsync(ledger, message.EditionId, rowKey, "sent", 0, cancellationToken);
            return SendBatchOutcome.NobodyLeft;
        }

        var (html, text) = await editions.ContentAsync(record.Id, cancellationToken);
        try
        {
            await sender.SendBulkAsync(new BulkEmail(record.Subject, html, EditionRecipients.TextTokens(text), recipients, [$"tips-{record.Track}"]), cancellationToken);
        }
        catch (EmailProviderUnavailableException unavailable) when (!unavailable.OutcomeUnknown)
        {
            await FinishAsync(ledger, message.EditionId, rowKey, "failed", 0, cancellationToken); // Nothing went out: the retry may claim at once.
            throw;
        }
        catch (EmailRejectedException)
        {
            await FinishAsync(ledger, message.EditionId, rowKey, "rejected", 0, cancellationToken);
            throw;
        }

        // A timeout leaves the claim as it is: SendGrid may have the batch, so only a recovery may retry it.
        await FinishAsync(ledger, message.EditionId, rowKey, "sent", recipients.Count, cancellationToken);
        LogSent(logger, record.Id, message.Batch, recipients.Count);
        return SendBatchOutcome.Sent;
    }

    private sealed record Claim(SendBatchOutcome? Done, bool Recovering);

    private async Task<Claim> ClaimAsync(TableClient ledger, string editionId, string rowKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var existing = await ledger.GetEntityIfExistsAsync<TableEntity>(editionId, rowKey, cancellationToken: cancellationToken);
        var claim = new TableEntity(editionId, rowKey) { ["Status"] = "sending", ["ClaimedAt"] = now };
        try
        {
            if (!existing.HasValue)
            {
                await ledger.AddEntityAsync(claim, cancellationToken);
                return new Claim(null, Recovering: false);
            }

            var row = existing.Value!;
            var status = row.GetString("Status");
            switch (status)
            {
                case "sent":
                    return new Claim(SendBatchOutcome.AlreadySent, Recovering: false);
                case "rejected":
                    throw new EmailRejectedException($"Batch {rowKey} of {editionId} was refused by the email provider before; it is not sent again.");
                case "sending" when now - (row.GetDateTimeOffset("ClaimedAt") ?? now) < Lease:
                    throw new BatchInFlightException($"Batch {rowKey} of {editionId} is being sent by another attempt.");
            }

            await ledger.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return new Claim(null, Recovering: status == "sending");
        }
        catch (RequestFailedException lost) when (lost.Status is 409 or 412)
        {
            throw new BatchInFlightException($"Batch {rowKey} of {editionId} was claimed by another attempt.");
        }
    }

    /// <summary>The batch's subscribers who are still confirmed, in message order; when recovering, without those SendGrid already accepted.</summary>
    private async Task<List<BulkRecipient>> RecipientsAsync(EditionRecord record, IReadOnlyList<string> ids, bool recovering, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var current = new Dictionary<string, Subscriber>(StringComparer.Ordinal);
        await foreach (var subscriber in subscribers.ConfirmedBetweenAsync(ids.Min(StringComparer.Ordinal)!, ids.Max(StringComparer.Ordinal)!, cancellationToken))
        {
            if (wanted.Contains(subscriber.Id) && subscriber is { IsReceivingEmail: true, Email: not null })
            {
                current[subscriber.Id] = subscriber;
            }
        }

        var found = new BulkRecipient?[ids.Count];
        var checks = new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), checks, async (index, token) =>
        {
            if (current.TryGetValue(ids[index], out var subscriber) && !(recovering && await receipts.ExistsAsync(record.Id, subscriber.Id, token)))
            {
                found[index] = personalize.For(record.Id, subscriber, subscriber.Email!);
            }
        });
        return [.. found.OfType<BulkRecipient>()];
    }

    private static async Task FinishAsync(TableClient ledger, string editionId, string rowKey, string status, int recipients, CancellationToken cancellationToken) =>
        await ledger.UpsertEntityAsync(new TableEntity(editionId, rowKey) { ["Status"] = status, ["Recipients"] = recipients }, TableUpdateMode.Merge, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Edition {EditionId} batch {Batch}: an earlier attempt died mid-send; sending only to recipients SendGrid has not reported as accepted")]
    private static partial void LogRecovering(ILogger logger, string editionId, int batch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Edition {EditionId} batch {Batch}: sent to {Recipients} recipients")]
    private static partial void LogSent(ILogger logger, string editionId, int batch, int recipients);
}
