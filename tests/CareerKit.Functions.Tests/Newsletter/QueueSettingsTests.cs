using System.Text.Json.Nodes;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Newsletter;

/// <summary>The host's queue trigger and the standalone poller retry alike, and long enough for a batch's lease to run out.</summary>
public sealed class QueueSettingsTests
{
    [Fact]
    public void The_host_and_the_local_poller_retry_a_batch_the_same_way_and_outlast_the_send_lease()
    {
        var queues = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRootAttribute.Value, "host.json")))!["extensions"]!["queues"]!;
        var maxDequeueCount = queues["maxDequeueCount"]!.GetValue<int>();
        var visibilityTimeout = TimeSpan.Parse(queues["visibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var poller = CareerKit.Hosting.Standalone.HostJson.Read(AppContext.BaseDirectory).Queues; // What the standalone poller applies.
        Assert.Equal(maxDequeueCount, poller.MaxDequeueCount);
        Assert.Equal(visibilityTimeout, poller.VisibilityTimeout);
        Assert.Equal(queues["batchSize"]!.GetValue<int>(), poller.BatchSize);
        // A batch whose sender died is claimed until the lease ends; its retries must not all be spent before that.
        Assert.True(visibilityTimeout * (maxDequeueCount - 1) > SendBatch.Lease, "the queue gives up on a batch before a dead sender's lease ends");
    }
}
