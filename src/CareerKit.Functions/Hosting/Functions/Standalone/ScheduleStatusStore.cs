using System.Text.Json;
using Azure;
using CareerKit.Storage;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Hosting.Standalone;

/// <summary>
/// Where a standalone timer remembers its last and next occurrence across restarts, so a run missed while the app was
/// down happens at start with IsPastDue (the host keeps the same in azure-webjobs-hosts/timers/). One blob per timer
/// in the installation's own (prefixed) container, so restarts and other instances share it and installations do not.
/// </summary>
public sealed partial class ScheduleStatusStore(BlobContainers containers, ILogger<ScheduleStatusStore> logger)
{
    public const string ContainerName = "timer-status";

    public async Task<ScheduleStatus?> ReadAsync(string function, CancellationToken cancellationToken)
    {
        try
        {
            var blob = containers.Get(ContainerName).GetBlobClient($"{function}.json");
            var content = await blob.DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<ScheduleStatus>(content.Value.Content.ToString());
        }
        catch (RequestFailedException failed) when (failed.Status == 404)
        {
            return null;
        }
        catch (Exception failure) when (StorageFailure.IsOutage(failure, cancellationToken) || failure is JsonException)
        {
            LogUnreadable(logger, function, failure.GetType().Name);
            return null; // Without it the timer still runs on schedule; only a run missed while down is not made up.
        }
    }

    public async Task WriteAsync(string function, ScheduleStatus status, CancellationToken cancellationToken)
    {
        try
        {
            var container = containers.Get(ContainerName);
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await container.GetBlobClient($"{function}.json").UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(status)), overwrite: true, cancellationToken);
        }
        catch (Exception failure) when (StorageFailure.IsOutage(failure, cancellationToken))
        {
            LogUnwritable(logger, function, failure.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Function}: its schedule status could not be read ({Failure}); it runs on schedule from now")]
    private static partial void LogUnreadable(ILogger logger, string function, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Function}: its schedule status could not be saved ({Failure})")]
    private static partial void LogUnwritable(ILogger logger, string function, string failure);
}
