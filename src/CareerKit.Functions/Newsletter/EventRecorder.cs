using System.Text.Json;
using CareerKit.Subscriptions;

namespace CareerKit.Newsletter;

/// <summary>
/// Applies SendGrid's webhook events once each: a receipt for the recovery of SendBatch and of the sign-up email outbox, the suppression of the subscriber,
/// a count on the edition. Each effect is applied before the event is marked done, so a delivery cut off by a failure
/// and delivered again by SendGrid loses nothing; a batch is written in table transactions and parallel requests,
/// so thousands of events are applied well within SendGrid's patience.
/// </summary>
public sealed partial class EventRecorder(EventLedger ledger, SubscriberStore subscribers, SendReceipts receipts, TimeProvider time, ILogger<EventRecorder> logger)
{
    private const int ParallelSuppressions = 8;

    /// <returns>How many of the events were new and applied.</returns>
    public async Task<int> RecordAsync(IReadOnlyCollection<WebhookEvent> batch, CancellationToken cancellationToken)
    {
        var events = batch.DistinctBy(item => item.Id).ToList();
        if (events.Count == 0 || await ledger.WereAppliedInFullAsync(events, cancellationToken))
        {
            return 0;
        }

        // For applied events too: receipts are idempotent, and one lost to a failure must be written when SendGrid retries.
        await receipts.RecordAllAsync(
            events.Where(item => item.ReceiptPartition is not null).Select(item => (item.ReceiptPartition!, item.SubscriberId!)), cancellationToken);

        // Applied events are skipped: a bounce delivered again must not suppress someone who has signed up again since.
        var suppressions = await ledger.NotAppliedAsync(events.Where(item => item.Suppresses), cancellationToken);
        await Parallel.ForEachAsync(suppressions, new ParallelOptions { MaxDegreeOfParallelism = ParallelSuppressions, CancellationToken = cancellationToken }, async (item, token) =>
        {
            await subscribers.UpdateAsync(item.SubscriberId!, subscriber => subscriber.Suppress(time.GetUtcNow()), token);
            LogSuppressed(logger, item.SubscriberId!, item.Type);
        });

        var applied = await ledger.MarkAppliedAsync(events, cancellationToken);
        await ledger.RecordAppliedInFullAsync(events, cancellationToken);
        return applied;
    }

    /// <returns>True when the event was new and applied.</returns>
    public async Task<bool> RecordAsync(JsonElement item, CancellationToken cancellationToken) =>
        WebhookEvent.From(item) is { } webhookEvent && await RecordAsync([webhookEvent], cancellationToken) == 1;

    /// <inheritdoc cref="EventLedger.AllCountsAsync"/>
    public Task<Dictionary<string, Dictionary<string, int>>> AllCountsAsync(CancellationToken cancellationToken) => ledger.AllCountsAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} suppressed after a {EventType} event")]
    private static partial void LogSuppressed(ILogger logger, string subscriberId, string eventType);
}
