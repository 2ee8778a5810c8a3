using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CareerKit.Storage;

namespace CareerKit.Hosting.Standalone;

/// <summary>A queue function with its queue resolved: what standalone polls.</summary>
public sealed record QueueBinding(FunctionDeclaration Function, string QueueName, string ConnectionSetting);

/// <summary>
/// Standalone stand-in for the host's queue trigger, with host.json's extensions.queues: batchSize messages at a time,
/// a failed message back after visibilityTimeout, and one dequeued maxDequeueCount times and still failing (or already
/// over it when received) moved to "{queue}-poison" with the same body. Polls back off to maxPollingInterval when idle.
/// </summary>
public sealed partial class QueuePollers(FunctionCatalog catalog, HostJson hostJson, AppSettings settings, StorageClients storage, IServiceProvider services, ILogger<QueuePollers> logger) : BackgroundService
{
    /// <summary>While a message is worked on, others do not see it (the host renews a 10-minute lease the same way).</summary>
    private static readonly TimeSpan WorkingVisibility = TimeSpan.FromMinutes(10);

    public IReadOnlyList<QueueBinding> Bindings { get; } = catalog.All
        .Where(function => function.Queue is not null)
        .Select(function => new QueueBinding(function, settings.Resolve(function.Queue!.QueueName), function.Queue.Connection ?? StorageOptions.ConnectionSetting))
        .ToArray();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Bindings.Select(binding => PollAsync(binding, stoppingToken)));

    public QueueClient ClientFor(string queueName, string connectionSetting)
    {
        var options = new QueueClientOptions
        {
            MessageEncoding = hostJson.Queues.MessageEncoding.Equals("base64", StringComparison.OrdinalIgnoreCase) ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None,
        };
        // The app's one storage account, by connection string or by identity ({setting}__accountName), as the host reads it.
        return connectionSetting == StorageOptions.ConnectionSetting
            ? storage.Queue(queueName, options)
            : throw new InvalidOperationException($"Standalone mode polls queues on {StorageOptions.ConnectionSetting} only, not {connectionSetting}.");
    }

    private async Task PollAsync(QueueBinding binding, CancellationToken stoppingToken)
    {
        var queue = ClientFor(binding.QueueName, binding.ConnectionSetting);
        var poison = ClientFor($"{binding.QueueName}-poison", binding.ConnectionSetting);
        var settings = hostJson.Queues;
        var idle = TimeSpan.FromMilliseconds(100);
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                // Inside the try: storage that is down at start must not stop the app (a failing BackgroundService stops the host).
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, WorkingVisibility, stoppingToken)).Value;
            }
            catch (Exception failed) when (StorageFailure.IsOutage(failed, stoppingToken))
            {
                LogReceiveFailed(logger, binding.QueueName, failed.GetType().Name);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await Task.Delay(idle, TimeProvider.System, stoppingToken); // Pacing is plumbing, not the app's notion of time.
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            idle = TimeSpan.FromMilliseconds(100);
            await Task.WhenAll(messages.Select(message => HandleSafelyAsync(binding, queue, poison, message, stoppingToken)));
        }
    }

    /// <summary>A message whose settling fails (storage down) comes back after its working visibility: never stop the poller for it.</summary>
    private async Task HandleSafelyAsync(QueueBinding binding, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await HandleAsync(binding, queue, poison, message, stoppingToken);
        }
        catch (Exception failed) when (StorageFailure.IsOutage(failed, stoppingToken))
        {
            LogReceiveFailed(logger, binding.QueueName, failed.GetType().Name);
        }
    }

    private async Task HandleAsync(QueueBinding binding, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        var maxDequeueCount = hostJson.Queues.MaxDequeueCount;
        if (message.DequeueCount > maxDequeueCount)
        {
            await PoisonAsync(binding, queue, poison, message, stoppingToken);
            return;
        }

        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(binding.Function, scope.ServiceProvider, message, http: null, stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            if (message.DequeueCount >= maxDequeueCount)
            {
                LogGaveUp(logger, binding.Function.Name, message.MessageId, message.DequeueCount, failed);
                await PoisonAsync(binding, queue, poison, message, stoppingToken);
            }
            else
            {
                LogWillRetry(logger, binding.Function.Name, message.MessageId, message.DequeueCount, failed.Message);
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: hostJson.Queues.VisibilityTimeout, cancellationToken: stoppingToken);
            }
        }
    }

    private static async Task PoisonAsync(QueueBinding binding, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        await poison.SendMessageAsync(message.Body, cancellationToken: stoppingToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: message {MessageId} failed on attempt {DequeueCount}; it comes back after the visibility timeout. {Reason}")]
    private static partial void LogWillRetry(ILogger logger, string function, string messageId, long dequeueCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} failed {DequeueCount} times; moved to the poison queue")]
    private static partial void LogGaveUp(ILogger logger, string function, string messageId, long dequeueCount, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from {Queue} failed ({Failure}); polling goes on")]
    private static partial void LogReceiveFailed(ILogger logger, string queue, string failure);
}
