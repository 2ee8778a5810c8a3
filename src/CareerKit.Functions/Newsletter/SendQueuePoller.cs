using System.Text.Json;
using Azure.Storage.Queues.Models;
using CareerKit.Email;
using CareerKit.Hosting;

namespace CareerKit.Newsletter;

/// <summary>
/// Standalone only: the local stand-in for the Functions host's queue trigger, with the same settings as
/// host.json. Reads send batches, runs the same SendBatch handler, deletes what succeeded, lets failures
/// come back after a pause, and moves a batch that is refused, unreadable or keeps failing to the poison queue.
/// </summary>
public sealed partial class SendQueuePoller(IServiceProvider services, IConfiguration configuration, ILogger<SendQueuePoller> logger) : BackgroundService
{
    /// <summary>host.json: extensions.queues.maxDequeueCount.</summary>
    public const int MaxDequeueCount = 10;

    /// <summary>host.json: extensions.queues.visibilityTimeout, the pause before a failed batch is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private const int ConcurrentBatches = 4;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    // Resolved when polling begins, not when the host makes its hosted services: under the Functions host the poller
    // never runs, and making the send path's clients would only slow the cold start.
    private SendQueue Queue => services.GetRequiredService<SendQueue>();

    private SendBatch SendBatch => services.GetRequiredService<SendBatch>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ListeningAddress.IsUnderFunctionsHost(configuration) || configuration[LocalTimer.EnabledSetting] == "false")
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Queue.EnsureCreatedAsync();
                var messages = (await Queue.Client.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(5), stoppingToken)).Value;
                var work = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentBatches, CancellationToken = stoppingToken };
                await Parallel.ForEachAsync(messages, work, HandleAsync);
                if (messages.Length == 0)
                {
                    // Pacing uses the real clock: it is plumbing, not the app's notion of time.
                    await Task.Delay(PollInterval, TimeProvider.System, stoppingToken);
                }
            }
            catch (Exception failure) when (StorageFailure.IsOutage(failure, stoppingToken))
            {
                LogStorageDown(logger);
                await Task.Delay(RetryAfter, TimeProvider.System, stoppingToken);
            }
        }
    }

    private async ValueTask HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (Read(message) is not { } batch)
        {
            await PoisonAsync(message, "?", -1, "the message is not a send batch", cancellationToken);
            return;
        }

        if (message.InsertedOn is { } inserted)
        {
            Hosting.Telemetry.SendBatchQueueWait.Record(Math.Max(0, (DateTimeOffset.UtcNow - inserted).TotalSeconds)); // Storage time, not the app clock.
        }

        try
        {
            await SendBatch.RunAsync(batch, cancellationToken);
            await Queue.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (EmailRejectedException rejected)
        {
            await PoisonAsync(message, batch.EditionId, batch.Batch, rejected.Message, cancellationToken);
        }
        catch (Exception failed) when (failed is not OperationCanceledException && message.DequeueCount >= MaxDequeueCount)
        {
            await PoisonAsync(message, batch.EditionId, batch.Batch, $"still failing after {message.DequeueCount} attempts: {failed.Message}", cancellationToken);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            LogWillRetry(logger, batch.EditionId, batch.Batch, failed.Message);
            await Queue.Client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: RetryAfter, cancellationToken: cancellationToken);
        }
    }

    private async Task PoisonAsync(QueueMessage message, string editionId, int batch, string reason, CancellationToken cancellationToken)
    {
        await Queue.PoisonAsync(message.Body.ToString(), cancellationToken);
        await Queue.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        LogPoisoned(logger, editionId, batch, reason);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Edition {EditionId} batch {Batch} moved to the poison queue: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string editionId, int batch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Edition {EditionId} batch {Batch} not sent, tried again later: {Reason}")]
    private static partial void LogWillRetry(ILogger logger, string editionId, int batch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable; the send queue poller waits and tries again")]
    private static partial void LogStorageDown(ILogger logger);
}
