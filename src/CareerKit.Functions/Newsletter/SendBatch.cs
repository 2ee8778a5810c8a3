using CareerKit.Email;
using CareerKit.Hosting;
using CareerKit.Subscriptions;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

public enum SendBatchOutcome
{
    Sent,
    /// <summary>The ledger says this batch went out already: a re-delivered message sends nothing.</summary>
    AlreadySent,
    /// <summary>Everyone in the batch left or was suppressed after it was queued.</summary>
    NobodyLeft,
    /// <summary>An earlier attempt's answer went unrecorded, and SendGrid's events show it accepted the batch: nothing is sent.</summary>
    Confirmed,
    /// <summary>The outcome is unknown and no event came yet: nothing is sent, and the batch comes back when the window ends.</summary>
    AwaitingReceipts,
    /// <summary>The outcome stayed unknown through the window: held, reported, never resent (CareerKit:UnknownOutcome = hold).</summary>
    Held,
}

/// <summary>Another attempt at this batch is under way (or died less than a lease ago): try again later.</summary>
public sealed class BatchInFlightException(string message) : Exception(message);

/// <summary>
/// Sends one batch of an edition in one SendGrid request, at most once. The batch's <see cref="SendLedger"/> row is
/// claimed (a lease), marked "sending" just before the request and given SendGrid's answer after it; that last write
/// is retried through storage outages until the lease nearly ends. A batch left "sending" when its lease ran out has
/// an unknown outcome (the sender died, timed out, or could not record the answer) and is never resent blindly: an
/// event from SendGrid for anyone in it proves it went out (<see cref="SendReceipts"/>); without one it waits for the
/// window, then is held and reported, or resent if so configured (<see cref="UnknownOutcomeOptions"/>).
/// Recipients who left after the batch was queued are skipped.
/// </summary>
public sealed partial class SendBatch(
    EditionStore editions,
    SubscriberStore subscribers,
    SendLedger ledger,
    SendReceipts receipts,
    SendQueue queue,
    EditionRecipients personalize,
    IEmailSender sender,
    IOptions<UnknownOutcomeOptions> unknownOutcome,
    TimeProvider time,
    ILogger<SendBatch> logger)
{
    /// <summary>
    /// Longer than one attempt takes: the SendGrid request (it gives up after 25 s) and the recording of its answer,
    /// retried until <see cref="AnswerWriteMargin"/> before the end. Shorter than the retries the queue allows
    /// (host.json: 10 deliveries, 30 s apart), so a re-delivery finds a dead attempt's batch free.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);

    /// <summary>The last write of SendGrid's answer starts this long before the lease ends: three storage tries with their 5 s timeouts fit.</summary>
    private static readonly TimeSpan AnswerWriteMargin = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(10);

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
        var now = time.GetUtcNow();
        var entry = await ledger.FindAsync(message.EditionId, message.Batch, cancellationToken);
        switch (entry?.Status)
        {
            case BatchStatus.Sent:
                return SendBatchOutcome.AlreadySent;
            case BatchStatus.Unknown:
                return SendBatchOutcome.Held;
            case BatchStatus.Rejected:
                throw new EmailRejectedException($"Batch {message.Batch} of {message.EditionId} was refused by the email provider before; it is not sent again.");
            case BatchStatus.Claimed or BatchStatus.Sending when now - entry.ClaimedAt < Lease:
                throw new BatchInFlightException($"Batch {message.Batch} of {message.EditionId} is being sent by another attempt.");
            case BatchStatus.Sending when await SettleUnknownAsync(message, entry, now, cancellationToken) is { } settled:
                return settled;
        }

        // New, failed (nothing went out), claimed by an attempt that died before the request, or resent as configured.
        var claim = await ledger.TryClaimAsync(message.EditionId, message.Batch, entry, now, cancellationToken)
            ?? throw new BatchInFlightException($"Batch {message.Batch} of {message.EditionId} was claimed by another attempt.");
        return await SendClaimedAsync(message, claim, cancellationToken);
    }

    /// <summary>A batch whose request may have reached SendGrid, with no answer recorded and its lease over.</summary>
    /// <returns>The outcome, or null when it is to be sent again (CareerKit:UnknownOutcome = resend-unconfirmed).</returns>
    private async Task<SendBatchOutcome?> SettleUnknownAsync(SendBatchMessage message, LedgerEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recipients = entry.Recipients ?? message.SubscriberIds.Count;
        if (await receipts.AnyForAsync(message.EditionId, message.SubscriberIds, cancellationToken))
        {
            await ledger.RecordAsync(message.EditionId, message.Batch, BatchStatus.Sent, recipients, cancellationToken);
            LogConfirmed(logger, message.EditionId, message.Batch, recipients);
            return SendBatchOutcome.Confirmed;
        }

        var settings = unknownOutcome.Value;
        var windowEnds = (entry.RequestedAt ?? entry.ClaimedAt) + settings.UnknownOutcomeWindow;
        if (now < windowEnds)
        {
            // A copy that becomes visible when the window ends, and this delivery succeeds. Failing until then would
            // not do: the queue gives a message 10 deliveries 30 s apart (host.json, and the standalone poller alike)
            // and would poison it long before a 30-minute window ends; the copy starts with a fresh delivery count.
            // Should this delivery still come back (its completion lost), a second copy is harmless: the ledger settles once.
            await queue.EnqueueAsync(message, windowEnds - now, cancellationToken);
            LogAwaiting(logger, message.EditionId, message.Batch, recipients, windowEnds - now);
            return SendBatchOutcome.AwaitingReceipts;
        }

        if (settings.ResendsUnconfirmed)
        {
            // No recipient has an event (one would have settled the whole batch above), so all are unconfirmed.
            LogResending(logger, message.EditionId, message.Batch, recipients);
            return null;
        }

        if (!await ledger.TryHoldAsync(entry, recipients, cancellationToken))
        {
            throw new BatchInFlightException($"Batch {message.Batch} of {message.EditionId} was settled by another attempt.");
        }

        LogOutcomeUnknown(logger, message.EditionId, message.Batch, recipients, settings.UnknownOutcomeWindow);
        return SendBatchOutcome.Held;
    }

    private async Task<SendBatchOutcome> SendClaimedAsync(SendBatchMessage message, LedgerEntry claim, CancellationToken cancellationToken)
    {
        var record = await editions.FindAsync(message.Track, message.IsoWeek, cancellationToken)
            ?? throw new InvalidOperationException($"Edition {message.EditionId} is not stored.");
        var recipients = await RecipientsAsync(record, message.SubscriberIds, cancellationToken);
        if (recipients.Count == 0)
        {
            await ledger.RecordAsync(message.EditionId, message.Batch, BatchStatus.Sent, 0, cancellationToken);
            return SendBatchOutcome.NobodyLeft;
        }

        var (html, text) = await editions.ContentAsync(record.Id, cancellationToken);
        // From here SendGrid may get the batch: the ledger says so first, so that no retry after a crash sends it blindly.
        var sending = await ledger.TryMarkSendingAsync(claim, recipients.Count, time.GetUtcNow(), cancellationToken)
            ?? throw new BatchInFlightException($"Batch {message.Batch} of {message.EditionId} was taken by another attempt after this one's lease ran out.");
        try
        {
            await sender.SendBulkAsync(new BulkEmail(record.Subject, html, EditionRecipients.TextTokens(text), recipients, [$"tips-{record.Track.Code()}"]), cancellationToken);
        }
        catch (EmailProviderUnavailableException unavailable) when (!unavailable.OutcomeUnknown)
        {
            await RecordAnswerAsync(sending, BatchStatus.Failed, 0, cancellationToken); // Nothing went out: the retry may claim at once.
            throw;
        }
        catch (EmailRejectedException)
        {
            await RecordAnswerAsync(sending, BatchStatus.Rejected, 0, cancellationToken);
            throw;
        }

        // A timeout leaves the row "sending": SendGrid may have the batch, so only its events or the window may settle it.
        await RecordAnswerAsync(sending, BatchStatus.Sent, recipients.Count, cancellationToken);
        LogSent(logger, record.Id, message.Batch, recipients.Count);
        return SendBatchOutcome.Sent;
    }

    /// <summary>
    /// Records SendGrid's answer, retrying storage outages with growing pauses until the lease is about to end: a
    /// "sent" lost here would leave the batch's outcome unknown. After that, the next attempt owns the batch.
    /// </summary>
    private async Task RecordAnswerAsync(LedgerEntry sending, BatchStatus status, int recipients, CancellationToken cancellationToken)
    {
        var giveUpAt = sending.ClaimedAt + Lease - AnswerWriteMargin;
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ledger.RecordAsync(sending.EditionId, sending.Batch, status, recipients, cancellationToken);
                return;
            }
            catch (Exception outage) when (StorageFailure.IsOutage(outage) && time.GetUtcNow() + pause < giveUpAt)
            {
                LogAnswerNotRecorded(logger, sending.EditionId, sending.Batch, status, attempt, pause);
                await Task.Delay(pause, time, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    /// <summary>The batch's subscribers who are still confirmed, in message order.</summary>
    private async Task<List<BulkRecipient>> RecipientsAsync(EditionRecord record, IReadOnlyList<string> ids, CancellationToken cancellationToken)
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

        return [.. ids.Where(current.ContainsKey).Select(id => personalize.For(record.Id, current[id], current[id].Email!))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Edition {EditionId} batch {Batch}: sent to {Recipients} recipients")]
    private static partial void LogSent(ILogger logger, string editionId, int batch, int recipients);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Edition {EditionId} batch {Batch}: SendGrid's answer ({Status}) not recorded, storage unavailable (attempt {Attempt}); trying again in {Pause}")]
    private static partial void LogAnswerNotRecorded(ILogger logger, string editionId, int batch, BatchStatus status, int attempt, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Edition {EditionId} batch {Batch}: an earlier attempt's answer went unrecorded; SendGrid's events show the batch was accepted ({Recipients} recipients), nothing is sent again")]
    private static partial void LogConfirmed(ILogger logger, string editionId, int batch, int recipients);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Edition {EditionId} batch {Batch}: an earlier attempt may have sent it to {Recipients} recipients and SendGrid has reported no event yet; nothing is sent, the batch is looked at again in {Wait}")]
    private static partial void LogAwaiting(ILogger logger, string editionId, int batch, int recipients, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Edition {EditionId} batch {Batch}: outcome unknown: {Recipients} recipients; SendGrid reported no event within {Window}, nothing is resent (CareerKit:UnknownOutcome = hold)")]
    private static partial void LogOutcomeUnknown(ILogger logger, string editionId, int batch, int recipients, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Edition {EditionId} batch {Batch}: outcome unknown and no event from SendGrid within the window; sending again to its {Recipients} unconfirmed recipients (CareerKit:UnknownOutcome = resend-unconfirmed)")]
    private static partial void LogResending(ILogger logger, string editionId, int batch, int recipients);
}
