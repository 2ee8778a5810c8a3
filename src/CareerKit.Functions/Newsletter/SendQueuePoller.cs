using System.Text.Json;
using Azure.Storage.Queues;
using CareerKit.Email;
using CareerKit.Hosting;

namespace CareerKit.Newsletter;

/// <summary>
/// Standalone only: the local stand-in for the Functions host's queue trigger. Reads send batches, runs the
/// same SendBatch handler, deletes what succeeded, lets failures come back after a pause, and moves a batch
/// that keeps failing or is refused to the poison queue, as the host does after five attempts.
/// </summary>
public sealed partial class SendQueuePoller(SendQueue queue, SendBatch sendBatch, IConfiguration configuration, ILogger<SendQueuePoller> logger) : BackgroundService
{
    public const int MaxDequeueCount = 5;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ListeningAddress.IsUnderFunctionsHost(configuration) || configuration[NewsletterScheduler.EnabledSetting] == "false")
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await PollOnceAsync(stoppingToken);
                if (handled == 0)
                {
                    // Pacing uses the real clock: it is plumbing, not the app's notion of time.
                    await Task.Delay(PollInterval, TimeProvider.System, stoppingToken);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException && StorageFailure.IsOutage(failure))
            {
                LogStorageDown(logger);
                await Task.Delay(RetryAfter, TimeProvider.System, stoppingToken);
            }
        }
    }

    private async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        await queue.EnsureCreatedAsync();
        var messages = (await queue.Client.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(5), cancellationToken)).Value;
        foreach (var message in messages)
        {
            var batch = JsonSerializer.Deserialize<SendBatchMessage>(message.Body.ToString(), JsonSerializerOptions.Web)!;
            try
            {
                await sendBatch.RunAsync(batch, cancellationToken);
                await queue.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
            catch (Exception failed) when (failed is EmailRejectedException || (IsRetryable(failed) && message.DequeueCount >= MaxDequeueCount))
            {
                await queue.PoisonAsync(message.Body.ToString(), cancellationToken);
                await queue.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                LogPoisoned(logger, batch.EditionId, batch.Batch, failed.Message);
            }
            catch (Exception retry) when (IsRetryable(retry))
            {
                await queue.Client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: RetryAfter, cancellationToken: cancellationToken);
            }
        }

        return messages.Length;
    }

    private static bool IsRetryable(Exception failure) =>
        failure is BatchInFlightException or EmailProviderUnavailableException || StorageFailure.IsOutage(failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Edition {EditionId} batch {Batch} moved to the poison queue: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string editionId, int batch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable; the send queue poller waits and tries again")]
    private static partial void LogStorageDown(ILogger logger);
}
