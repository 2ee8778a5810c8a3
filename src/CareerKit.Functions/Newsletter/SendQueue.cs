using System.Text.Json;
using Azure.Storage.Queues;
using CareerKit.Storage;

namespace CareerKit.Newsletter;

/// <summary>One batch of an edition's recipients: the unit of work of the SendBatch function.</summary>
public sealed record SendBatchMessage(string EditionId, Track Track, string IsoWeek, int Batch, IReadOnlyList<string> SubscriberIds);

/// <summary>The Azure Storage queue the weekly fan-out writes to and SendBatch reads from.</summary>
public sealed class SendQueue
{
    public const string DefaultQueueName = "send-batches";

    /// <summary>Overrides the queue's name; the installation's storage prefix is put in front of it.</summary>
    public const string QueueNameSetting = "CareerKit:SendQueueName";

    /// <summary>
    /// The queue the SendBatch trigger listens to under the Functions host (functions/SendBatch/function.json reads it):
    /// the host cannot work the name out, so this holds it in full, and the app checks at start that it is its own.
    /// </summary>
    public const string TriggerQueueSetting = "SEND_QUEUE_NAME";
    public const int MaxBatchSize = 1000; // One SendGrid mail/send request takes at most 1,000 personalizations.
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly Lazy<Task> _created;

    public SendQueue(StorageClients storage, StorageNames names, IConfiguration configuration)
    {
        var name = NameIn(configuration, names);
        _queue = storage.Queue(name, ClientOptions());
        _poison = storage.Queue($"{name}-poison", ClientOptions());
        _created = new Lazy<Task>(() => Task.WhenAll(_queue.CreateIfNotExistsAsync(), _poison.CreateIfNotExistsAsync()));
    }

    public QueueClient Client => _queue;

    /// <summary>The queue's full name; its poison queue is this with "-poison".</summary>
    public static string NameIn(IConfiguration configuration, StorageNames names) =>
        names.Queue(configuration[QueueNameSetting] is { Length: > 0 } configured ? configured : DefaultQueueName);

    /// <summary>Options of one client: each queue client gets its own, as the storage clients add per-client policies to them.</summary>
    private static QueueClientOptions ClientOptions()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.Retry.MaxRetries = 2;
        return options;
    }

    public QueueClient Poison => _poison;

    public Task EnsureCreatedAsync() => _created.Value;

    /// <summary>Where a batch goes that cannot be sent: kept for a person to look at, never retried endlessly.</summary>
    public async Task PoisonAsync(string body, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _poison.SendMessageAsync(body, cancellationToken);
    }

    public Task EnqueueAsync(SendBatchMessage message, CancellationToken cancellationToken) => EnqueueAsync(message, TimeSpan.Zero, cancellationToken);

    /// <summary>Queues the batch to be delivered no sooner than <paramref name="delay"/> from now (at most 7 days), as a new message with a fresh delivery count.</summary>
    public async Task EnqueueAsync(SendBatchMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _queue.SendMessageAsync(JsonSerializer.Serialize(message, JsonSerializerOptions.Web), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }
}
