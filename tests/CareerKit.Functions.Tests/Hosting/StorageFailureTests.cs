using System.Net.Sockets;
using Azure;
using CareerKit.Hosting;

namespace CareerKit.Tests.Hosting;

/// <summary>What counts as a storage outage (503 with Retry-After) rather than a bug (500).</summary>
public sealed class StorageFailureTests
{
    [Fact]
    public void Timeouts_and_connections_broken_on_every_retry_are_an_outage()
    {
        var retriesFailed = new AggregateException(
            new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout."),
            new RequestFailedException("An error occurred while sending the request."),
            new SocketException((int)SocketError.NotConnected));

        Assert.True(StorageFailure.IsOutage(retriesFailed));
    }

    [Fact]
    public void A_cancellation_the_caller_asked_for_and_a_bug_are_not_an_outage()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();

        Assert.False(StorageFailure.IsOutage(new TaskCanceledException(), aborted.Token));
        Assert.False(StorageFailure.IsOutage(new InvalidOperationException("a bug")));
        Assert.False(StorageFailure.IsOutage(new RequestFailedException(409, "conflict")));
    }
}
