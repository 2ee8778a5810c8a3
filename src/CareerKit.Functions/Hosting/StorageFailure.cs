using Azure;

namespace CareerKit.Hosting;

/// <summary>Tells a storage outage (answer 503, try again later) from a bug (answer 500).</summary>
internal static class StorageFailure
{
    public static bool IsOutage(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status == 0 || failed.Status == 408 || failed.Status == 429 || failed.Status >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsOutage),
        HttpRequestException => true,
        TimeoutException => true,
        _ => false,
    };
}
