using System.Text.Json;
using Azure.Storage.Queues.Models;
using CareerKit.Email;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Newsletter;

/// <summary>
/// The send queue's trigger: one batch of an edition's recipients. A batch that cannot succeed (unreadable, or refused
/// by SendGrid) goes to the poison queue at once, in both modes; any other failure is thrown, so the host (or the
/// standalone poller) tries it again after host.json's visibilityTimeout and poisons it after maxDequeueCount.
/// </summary>
public sealed partial class SendBatchFunction(SendBatch sendBatch, SendQueue queue, ILogger<SendBatchFunction> logger)
{
    public const string Name = "SendBatch";

    /// <returns>What became of the batch (the tests read it; the host ignores it: there is no output binding), or null when it went to the poison queue.</returns>
    [Function(Name)]
    public async Task<SendBatchOutcome?> RunAsync(
        [QueueTrigger("%" + SendQueue.TriggerQueueSetting + "%", Connection = Storage.StorageOptions.ConnectionSetting)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        if (Read(message) is not { } batch)
        {
            await queue.PoisonAsync(message.Body.ToString(), cancellationToken);
            LogPoisoned(logger, "?", -1, "the message is not a send batch");
            return null;
        }

        if (message.InsertedOn is { } inserted)
        {
            Hosting.Telemetry.SendBatchQueueWait.Record(Math.Max(0, (DateTimeOffset.UtcNow - inserted).TotalSeconds)); // Storage time, not the app clock.
        }

        try
        {
            var outcome = await sendBatch.RunAsync(batch, cancellationToken);
            LogSent(logger, batch.EditionId, batch.Batch, outcome);
            return outcome;
        }
        catch (EmailRejectedException rejected)
        {
            await queue.PoisonAsync(message.Body.ToString(), cancellationToken);
            LogPoisoned(logger, batch.EditionId, batch.Batch, rejected.Message);
            return null;
        }
    }

    private static SendBatchMessage? Read(QueueMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize<SendBatchMessage>(message.Body.ToString(), JsonSerializerOptions.Web) is { SubscriberIds: not null } batch ? batch : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SendBatch {EditionId} #{Batch}: {Outcome}")]
    private static partial void LogSent(ILogger logger, string editionId, int batch, SendBatchOutcome outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Edition {EditionId} batch {Batch} moved to the poison queue: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string editionId, int batch, string reason);
}
