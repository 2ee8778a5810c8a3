using Azure;

namespace CareerKit.Hosting;

/// <summary>Tells a storage outage (answer 503, try again later) from a bug (answer 500).</summary>
internal static class StorageFailure
{
    /// <param name="exception">What a storage call threw.</param>
    /// <param name="callerToken">
    /// The caller's own token. A cancellation the caller asked for (the client went away, the app stops) is not an
    /// outage; any other is a timeout: the storage clients report their network timeout as a cancellation.
    /// </param>
    public static bool IsOutage(Exception exception, CancellationToken callerToken = default) => exception switch
    {
        RequestFailedException failed => failed.Status == 0 || failed.Status == 408 || failed.Status == 429 || failed.Status >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.All(inner => IsOutage(inner, callerToken)),
        HttpRequestException => true,
        // A connection that broke while it opened or while the answer was read: the storage clients retry it, then
        // report it as it is.
        System.Net.Sockets.SocketException or HttpIOException or IOException { InnerException: System.Net.Sockets.SocketException } => true,
        TimeoutException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        // Data Protection (editors' cookies and forms) wraps a key ring it could not read from Blob storage.
        System.Security.Cryptography.CryptographicException { InnerException: { } inner } => IsOutage(inner, callerToken),
        _ => false,
    };
}
